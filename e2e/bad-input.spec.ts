import { expect, test } from '@playwright/test';
import type { Socket } from 'socket.io-client';
import { adminGet, cameraVideo, connectSocket, expectDecoding, joinAs, peerIdOf, uniqueRoomId, videoProgress } from './helpers';

type AckResult = { ok: boolean; error?: { code: string; message: string }; data?: any };

const connect = connectSocket;

const send = (socket: Socket, event: string, ...args: unknown[]): Promise<AckResult> =>
  socket.timeout(5000).emitWithAck(event, ...args);

test('malformed, unknown and foreign-id messages get error acks and the call goes on', async ({ browser, request, baseURL }) => {
  const roomId = uniqueRoomId('hostile');
  const alice = await joinAs(browser, roomId, 'Alice');
  const bob = await joinAs(browser, roomId, 'Bob');
  await expectDecoding(cameraVideo(alice.page, 'Bob'));
  const bobId = await peerIdOf(alice.page, 'Bob');
  const { producers } = await adminGet(request, `/analytics/rooms/${roomId}/producers`);
  const bobCamera = producers.find((p: any) => p.peerId === bobId && p.source === 'camera');

  const mallory = await connect(baseURL!);
  expect(await send(mallory, 'consume', 42)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  expect(await send(mallory, 'no-such-event', {})).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
  expect(await send(mallory, 'join-room', { roomId: '../etc/passwd', displayName: 'M' })).toMatchObject({
    ok: false,
    error: { code: 'invalid_payload' },
  });
  expect(await send(mallory, 'join-room', { roomId, displayName: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  expect(await send(mallory, 'create-webrtc-transport', { direction: 'send' })).toMatchObject({
    ok: false,
    error: { code: 'not_in_room' },
  });

  // Another room's ids are simply "not found".
  const joined = await send(mallory, 'join-room', { roomId: uniqueRoomId('elsewhere'), displayName: 'Mallory' });
  expect(joined.ok).toBe(true);
  const transport = await send(mallory, 'create-webrtc-transport', { direction: 'recv' });
  expect(transport.ok).toBe(true);
  expect(
    await send(mallory, 'consume', {
      transportId: transport.data.id,
      producerId: bobCamera.id,
      rtpCapabilities: joined.data.routerRtpCapabilities,
    }),
  ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(await send(mallory, 'pause-producer', { producerId: bobCamera.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(
    await send(mallory, 'produce', { transportId: transport.data.id, kind: 'audio', source: 'mic', rtpParameters: { codecs: [] } }),
  ).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  // Well-formed but semantically wrong RTP parameters are mediasoup's to refuse: still an ack, not a crash.
  const sendTransport = await send(mallory, 'create-webrtc-transport', { direction: 'send' });
  expect(
    await send(mallory, 'produce', {
      transportId: sendTransport.data.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/NOPE', clockRate: 90000, payloadType: 101 }], encodings: [{ ssrc: 1 }] },
    }),
  ).toMatchObject({ ok: false });

  // Under the 32 kB message limit an over-long chat text is refused by its schema, and the socket stays.
  expect(await send(mallory, 'send-chat', { text: 'x'.repeat(20 * 1024) })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  expect(mallory.connected).toBe(true);
  // A message over 32 kB drops that socket only.
  const dropped = new Promise<string>((resolve) => mallory.once('disconnect', resolve));
  mallory.emit('send-chat', { text: 'x'.repeat(40 * 1024) });
  expect(await dropped).toBe('transport close');

  // Everyone else carries on: frames keep coming and the room is intact.
  const before = await videoProgress(cameraVideo(alice.page, 'Bob'));
  await expect.poll(async () => (await videoProgress(cameraVideo(alice.page, 'Bob'))).frames).toBeGreaterThan(before.frames + 10);
  await expectDecoding(cameraVideo(bob.page, 'Alice'));
  const room = await adminGet(request, `/analytics/rooms/${roomId}`);
  expect(room.peers.map((p: any) => p.displayName).sort()).toEqual(['Alice', 'Bob']);
  // Mallory's own transports were closed when her socket dropped.
  await expect.poll(async () => (await adminGet(request, '/analytics/server')).totals.transports).toBe(4);

  await Promise.all([alice.close(), bob.close()]);
});
