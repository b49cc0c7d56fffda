/*
 * Plain-RTP transports of a Peer (for load tools and benchmarks) against a
 * real mediasoup worker: synthetic VP8 and Opus sent over loopback into a
 * plain send transport come out of a plain SRTP recv transport into a UDP
 * sink; limits and close cascades are the same as for WebRTC transports.
 *
 * testing/sfuHarness loads the worker (and says why it loads it lazily).
 */
import { describe, expect, it, vi } from 'vitest';
import { opusRtpParameters, OPUS_PAYLOAD_TYPE, randomSrtpParameters, vp8RtpParameters, VP8_PAYLOAD_TYPE } from '@/scripts/load/plainMedia';
import { looksLikeClearVp8, OpusStream, readRtpHeader, rtpPayload, Vp8Stream } from '@/scripts/load/syntheticRtp';
import { RtpSender, UdpSink } from '@/scripts/load/udpLoad';
import type { Peer } from './Peer';
import { expectRejects, loopbackSettings, useSfuHarness } from './testing/sfuHarness';

const SETTINGS = loopbackSettings({
  maxIncomingBitrate: 1_500_000,
  maxPeersPerRoom: 4,
  peerLimits: { maxProducers: 3 },
});

const sfu = useSfuHarness({ settings: SETTINGS, numWorkers: 1, rtcMinPort: 44600, rtcMaxPort: 44699 });

const VIDEO_SSRC = 22_220_000;
const AUDIO_SSRC = 22_220_010;

async function publish(peer: Peer, transportId: string) {
  const video = await peer.produce({ transportId, kind: 'video', source: 'camera', rtpParameters: vp8RtpParameters(VIDEO_SSRC) });
  const audio = await peer.produce({ transportId, kind: 'audio', source: 'mic', rtpParameters: opusRtpParameters(AUDIO_SSRC) });
  return { video, audio };
}

describe('Peer plain transports', () => {
  it('carry synthetic RTP from a plain send transport to a plain SRTP recv transport, and close with their peers', { timeout: 15_000 }, async () => {
    const room = await sfu.registry.getOrCreate('plain-flow');
    const before = sfu.counters.counts;
    const publisher = room.addPeer({ id: 'plain-pub', displayName: 'Publisher' });
    const viewer = room.addPeer({ id: 'plain-view', displayName: 'Viewer' });

    const send = await publisher.createPlainTransport('send', { comedia: true });
    expect(send).toEqual({ id: expect.any(String), ip: '127.0.0.1', port: expect.any(Number) });
    const recv = await viewer.createPlainTransport('recv', { enableSrtp: true });
    expect(recv.srtpParameters?.keyBase64).toEqual(expect.any(String));

    const sink = await UdpSink.open();
    sfu.onCleanup(() => sink.close());
    const seenSsrcs = new Set<number>();
    let clearVideoPayloads = 0;
    sink.onPacket((packet) => {
      seenSsrcs.add(readRtpHeader(packet).ssrc);
      if (looksLikeClearVp8(rtpPayload(packet))) clearVideoPayloads++;
    });
    await viewer.connectPlainTransport(recv.id, { ...sink.address, srtpParameters: randomSrtpParameters() });

    const { video, audio } = await publish(publisher, send.id);
    const caps = room.rtpCapabilities;
    const consumers = [
      await room.consume(viewer, { transportId: recv.id, producerId: video.id, rtpCapabilities: caps }),
      await room.consume(viewer, { transportId: recv.id, producerId: audio.id, rtpCapabilities: caps }),
    ];
    for (const c of consumers) await viewer.resumeConsumer(c.id);
    expect(sfu.counters.counts).toEqual({ ...before, transports: before.transports + 2, producers: before.producers + 2, consumers: before.consumers + 2 });

    const sender = await RtpSender.open(send, [
      // Short keyframe interval: a VP8 consumer forwards nothing before a keyframe.
      new Vp8Stream({ ssrc: VIDEO_SSRC, payloadType: VP8_PAYLOAD_TYPE, keyframeIntervalSeconds: 0.5 }),
      new OpusStream({ ssrc: AUDIO_SSRC, payloadType: OPUS_PAYLOAD_TYPE }),
    ]);
    sfu.onCleanup(() => sender.close());
    sender.start();

    const consumerSsrcs = consumers.map((c) => c.rtpParameters.encodings?.[0]?.ssrc);
    // The sink sets apart RTCP and the SFU's padding-only probation stream: what is left is the two consumers' media.
    await vi.waitFor(() => expect([...seenSsrcs].sort()).toEqual([...consumerSsrcs].sort()), { timeout: 8000, interval: 100 });

    // SRTP: the header stays readable, the VP8 descriptor the sender wrote does not.
    expect(clearVideoPayloads).toBe(0);

    // No ICE or DTLS; the tuple names the path once the remote is known.
    const [sendSnap] = publisher.snapshot().transports;
    expect(sendSnap).toMatchObject({ id: send.id, direction: 'send', iceState: 'n/a', dtlsState: 'n/a' });
    expect(sendSnap?.iceSelectedTuple).toMatchObject({ localPort: send.port, remotePort: sender.localAddress.port, protocol: 'udp' });
    const [recvSnap] = viewer.snapshot().transports;
    expect(recvSnap?.iceSelectedTuple).toMatchObject({ localPort: recv.port, remoteIp: '127.0.0.1', remotePort: sink.address.port });

    await vi.waitFor(
      async () => {
        expect((await publisher.transportStats(send.id))?.bytesReceived).toBeGreaterThan(0);
        expect((await viewer.transportStats(recv.id))?.bytesSent).toBeGreaterThan(0);
      },
      { timeout: 3000, interval: 100 },
    );
    expect(await viewer.transportStats(recv.id)).toMatchObject({ transportId: recv.id, iceState: 'n/a', dtlsState: 'n/a' });
    expect((await publisher.producerStats(video.id))?.[0]?.packetCount).toBeGreaterThan(0);
    expect((await viewer.consumerStats(consumers[0]!.id))?.packetCount).toBeGreaterThan(0);

    const closedOnViewer = vi.fn();
    viewer.on('consumer-closed', closedOnViewer);
    publisher.close();
    await vi.waitFor(() => expect(closedOnViewer).toHaveBeenCalledTimes(2), { timeout: 3000 });
    expect(closedOnViewer.mock.calls.map(([d]) => d.cause)).toEqual(['producer-closed', 'producer-closed']);
    expect(sfu.counters.counts).toEqual({ ...before, transports: before.transports + 1 });

    viewer.close();
    expect(room.closed).toBe(true);
    expect(sfu.counters.counts).toEqual({ ...before, routers: before.routers - 1 });
  });

  it('count towards the per-peer transport limit together with WebRTC transports', async () => {
    const room = await sfu.registry.getOrCreate('plain-limit');
    const peer = room.addPeer({ id: 'plain-limit', displayName: 'L' });
    await peer.createTransport('send');
    await peer.createTransport('recv');
    await peer.createPlainTransport('send', { comedia: true });
    await peer.createPlainTransport('recv');
    const transportsBefore = sfu.counters.counts.transports;
    await expectRejects(peer.createPlainTransport('recv'), 'limit_exceeded');
    await expectRejects(peer.createTransport('recv'), 'limit_exceeded');
    expect(sfu.counters.counts.transports).toBe(transportsBefore);
    expect(peer.snapshot().transports.map((t) => t.iceState).sort()).toEqual(['n/a', 'n/a', 'new', 'new']);
  });

  it('refuse the wrong kind of connect: DTLS and ICE on a plain transport, a plain remote on a WebRTC one', async () => {
    const room = await sfu.registry.getOrCreate('plain-connect');
    const peer = room.addPeer({ id: 'plain-connect', displayName: 'C' });
    const plain = await peer.createPlainTransport('send');
    const webRtc = await peer.createTransport('recv');
    const dtlsParameters = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256' as const, value: '00:11' }] };
    await expectRejects(peer.connectTransport(plain.id, dtlsParameters), 'invalid_payload');
    await expectRejects(peer.restartIce(plain.id), 'invalid_payload');
    await expectRejects(peer.connectPlainTransport(webRtc.id, { ip: '127.0.0.1', port: 9 }), 'invalid_payload');
  });

  it('are refused once the peer has left', async () => {
    const room = await sfu.registry.getOrCreate('plain-left');
    room.addPeer({ id: 'plain-stays', displayName: 'S' });
    const peer = room.addPeer({ id: 'plain-left', displayName: 'L' });
    peer.close();
    await expectRejects(peer.createPlainTransport('recv'), 'not_in_room');
  });
});
