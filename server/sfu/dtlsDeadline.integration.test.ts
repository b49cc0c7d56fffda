/*
 * A WebRTC transport that a client starts using (connect, produce, consume)
 * but whose DTLS never connects is closed after the deadline, against real
 * workers. Completing DTLS needs a real WebRTC client, which Node lacks: the
 * "connected clears the deadline" branch is exercised by the e2e suite instead,
 * whose server runs with a deadline far shorter than its calls last
 * (playwright.config.ts), so a deadline left running would cut every call.
 */
import { describe, expect, it, vi } from 'vitest';
import { log } from '@/server/log';
import type { Peer } from './Peer';
import { loopbackSettings, useSfuHarness } from './testing/sfuHarness';

vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'warn';
});

const DEADLINE_MS = 600;

const SETTINGS = loopbackSettings({
  maxPeersPerRoom: 4,
  peerLimits: { dtlsConnectTimeoutMs: DEADLINE_MS },
});

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 1, rtcMinPort: 46100, rtcMaxPort: 46199 });

/** A browser's DTLS parameters, as mediasoup-client would send them: accepted, but no DTLS follows. */
const CLIENT_DTLS = {
  role: 'client' as const,
  fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => 'AB').join(':') }],
};

const AUDIO_RTP = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc: 4242 }],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function closedTransports(peer: Peer) {
  const closed: { transportId: string; direction: string; reason: string }[] = [];
  peer.on('transport-closed', (data) => closed.push(data));
  return closed;
}

const deadlineWarnings = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter((call) => call[1] === 'transport closed: DTLS did not connect in time');

describe('DTLS deadline', () => {
  it('closes a transport the client connected but whose DTLS never completed, and says why', async () => {
    const warn = vi.spyOn(log, 'warn');
    sfu.onCleanup(() => warn.mockRestore());
    const room = await sfu.registry.getOrCreate('dtls-connect');
    const peer = room.addPeer({ id: 'dtls-connect-alice', displayName: 'Alice' });
    const closed = closedTransports(peer);
    const send = await peer.createTransport('send');
    await peer.connectTransport(send.id, CLIENT_DTLS);
    expect(peer.pendingDtlsDeadlines).toBe(1);

    await expect.poll(() => closed, { timeout: DEADLINE_MS * 10 }).toEqual([{ transportId: send.id, direction: 'send', reason: 'dtls-timeout' }]);
    expect(peer.statsTargets().transports).toEqual([]);
    expect(peer.pendingDtlsDeadlines).toBe(0);
    expect(sfu.counters.counts.transports).toBe(0);
    // The peer stays; only the dead transport went.
    expect(peer.closed).toBe(false);
    expect(deadlineWarnings(warn)).toEqual([
      [
        'sfu',
        'transport closed: DTLS did not connect in time',
        expect.objectContaining({ room: 'dtls-connect', peer: 'dtls-connect-alice', transport: send.id, direction: 'send', timeoutMs: DEADLINE_MS }),
      ],
    ]);
  });

  it('closes a transport that carries producers and consumers without DTLS, with them', async () => {
    const room = await sfu.registry.getOrCreate('dtls-use');
    const alice = room.addPeer({ id: 'dtls-use-alice', displayName: 'Alice' });
    const bob = room.addPeer({ id: 'dtls-use-bob', displayName: 'Bob' });
    const aliceSend = await alice.createTransport('send');
    const mic = await alice.produce({ transportId: aliceSend.id, kind: 'audio', source: 'mic', rtpParameters: AUDIO_RTP });
    const bobRecv = await bob.createTransport('recv');
    await room.consume(bob, { transportId: bobRecv.id, producerId: mic.id, rtpCapabilities: room.rtpCapabilities });
    const bobClosed = closedTransports(bob);

    await expect.poll(() => bobClosed.map((c) => c.reason), { timeout: DEADLINE_MS * 10 }).toEqual(['dtls-timeout']);
    await expect.poll(() => sfu.counters.counts, { timeout: DEADLINE_MS * 10 }).toMatchObject({ transports: 0, producers: 0, consumers: 0 });
    expect([alice, bob].map((p) => p.statsTargets())).toEqual([
      { transports: [], producers: [], consumers: [] },
      { transports: [], producers: [], consumers: [] },
    ]);
  });

  it('leaves alone a transport nobody has used yet (someone alone in a room)', async () => {
    const room = await sfu.registry.getOrCreate('dtls-idle');
    const peer = room.addPeer({ id: 'dtls-idle-alice', displayName: 'Alice' });
    const closed = closedTransports(peer);
    const [send, recv] = [await peer.createTransport('send'), await peer.createTransport('recv')];
    expect(peer.pendingDtlsDeadlines).toBe(0);
    await sleep(DEADLINE_MS * 3);
    expect(closed).toEqual([]);
    expect(peer.statsTargets().transports.sort()).toEqual([send.id, recv.id].sort());
  });

  it('stops the deadline when the transport closes first', async () => {
    const warn = vi.spyOn(log, 'warn');
    sfu.onCleanup(() => warn.mockRestore());
    const room = await sfu.registry.getOrCreate('dtls-closed-first');
    const alice = room.addPeer({ id: 'dtls-closed-first-alice', displayName: 'Alice' });
    const bob = room.addPeer({ id: 'dtls-closed-first-bob', displayName: 'Bob' });
    const send = await alice.createTransport('send');
    await alice.connectTransport(send.id, CLIENT_DTLS);
    const bobSend = await bob.createTransport('send');
    await bob.connectTransport(bobSend.id, CLIENT_DTLS);
    expect([alice.pendingDtlsDeadlines, bob.pendingDtlsDeadlines]).toEqual([1, 1]);

    // Alice leaves: her transport closes with her, and its deadline goes with it.
    alice.close('left');
    expect(alice.pendingDtlsDeadlines).toBe(0);
    await expect.poll(() => deadlineWarnings(warn).length, { timeout: DEADLINE_MS * 10 }).toBe(1);
    // Only Bob's deadline fired; Alice's, cleared, never did.
    expect(deadlineWarnings(warn)[0]![2]).toMatchObject({ peer: 'dtls-closed-first-bob', transport: bobSend.id });
    await sleep(DEADLINE_MS);
    expect(deadlineWarnings(warn)).toHaveLength(1);
  });
});
