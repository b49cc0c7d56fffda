import { describe, expect, it } from 'vitest';
import type { Device, types } from 'mediasoup-client';
import { LocalPublisher } from './LocalPublisher';
import type { ClientSocket } from './signalingClient';

/* The publisher against stand-ins for its transport and socket: what is under test is its own bookkeeping. */

function fakeProducer(id: string, paused: boolean) {
  return {
    id,
    paused,
    pause() {
      this.paused = true;
    },
    resume() {
      this.paused = false;
    },
    close() {},
  };
}

function setup() {
  const sent: Array<{ name: string; payload: unknown }> = [];
  const socket = {
    timeout: () => ({
      emitWithAck: async (name: string, payload: unknown) => {
        sent.push({ name, payload });
        return { ok: true, data: {} };
      },
    }),
  } as unknown as ClientSocket;
  let finishProduce: () => void = () => {};
  let produced: ReturnType<typeof fakeProducer> | null = null;
  const transport = {
    produce: (options: types.ProducerOptions) =>
      new Promise((resolve) => {
        finishProduce = () => {
          produced = fakeProducer('p1', Boolean((options.appData as { paused?: boolean }).paused));
          resolve(produced);
        };
      }),
  } as unknown as types.Transport;
  const device = { rtpCapabilities: { codecs: [] } } as unknown as Device;
  const publisher = new LocalPublisher(socket, device, transport);
  return { publisher, sent, finish: () => finishProduce(), producer: () => produced };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LocalPublisher', () => {
  it('applies a mute clicked while the microphone producer is still being created', async () => {
    const { publisher, sent, finish, producer } = setup();
    const publishing = publisher.publish('mic', {} as MediaStreamTrack, false);
    expect(publisher.isPublished('mic')).toBe(true);
    expect(publisher.has('mic')).toBe(false);
    await publisher.setPaused('mic', true);
    expect(sent).toEqual([]);
    finish();
    await publishing;
    expect(producer()?.paused).toBe(true);
    expect(sent).toEqual([{ name: 'pause-producer', payload: { producerId: 'p1' } }]);
  });

  it('applies an unmute clicked while a muted microphone is being published', async () => {
    const { publisher, sent, finish, producer } = setup();
    const publishing = publisher.publish('mic', {} as MediaStreamTrack, true);
    await publisher.setPaused('mic', false);
    finish();
    await publishing;
    expect(producer()?.paused).toBe(false);
    expect(sent).toEqual([{ name: 'resume-producer', payload: { producerId: 'p1' } }]);
  });

  it('sends nothing extra when nothing was clicked during publish', async () => {
    const { publisher, sent, finish, producer } = setup();
    const publishing = publisher.publish('mic', {} as MediaStreamTrack, true);
    await tick();
    finish();
    await publishing;
    expect(producer()?.paused).toBe(true);
    expect(sent).toEqual([]);
    expect(publisher.has('mic')).toBe(true);
  });

  it('is not publishing anything once a failed produce settles', async () => {
    const socket = {} as ClientSocket;
    const transport = { produce: () => Promise.reject(new Error('no')) } as unknown as types.Transport;
    const publisher = new LocalPublisher(socket, { rtpCapabilities: { codecs: [] } } as unknown as Device, transport);
    await expect(publisher.publish('mic', {} as MediaStreamTrack)).rejects.toThrow('no');
    expect(publisher.isPublished('mic')).toBe(false);
  });
});
