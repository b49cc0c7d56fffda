import { AppError, type RequestName, type ResponseMap, type ValidRequest } from '@/lib/protocol';
import { chatOf, joinRoom, leaveRoom, resumeSession } from './membership';
import { chargeBatch, settleEach } from './batch';
import { StreamHub } from './streamHub';
import { socketRoom, type CallSession } from './types';

type Handler<K extends RequestName> = (session: CallSession, request: ValidRequest<K>) => Promise<ResponseMap[K]>;

const EMPTY: Record<string, never> = {};

function member(session: CallSession) {
  if (!session.membership) throw new AppError('not_in_room', 'Join a room first');
  return session.membership;
}

function streams(session: CallSession) {
  if (!session.deps.streams) throw new AppError('unavailable', 'Streaming is not running');
  return session.deps.streams;
}

function toOthers(session: CallSession) {
  const { room } = member(session);
  return session.socket.to(socketRoom(room.id));
}

export const requestHandlers: { [K in RequestName]: Handler<K> } = {
  'join-room': joinRoom,

  'resume-session': async (session, request) => resumeSession(session, request),

  'create-webrtc-transport': async (session, { direction }) => {
    if (direction === 'send') StreamHub.assertMayPublish(session);
    return member(session).peer.createTransport(direction);
  },

  'connect-webrtc-transport': async (session, { transportId, dtlsParameters }) => {
    await member(session).peer.connectTransport(transportId, dtlsParameters);
    return EMPTY;
  },

  produce: async (session, request) => {
    const { room, peer } = member(session);
    StreamHub.assertMayPublish(session);
    const producer = await peer.produce(request);
    if (producer.source === 'mic') await room.watchAudio(producer.id);
    toOthers(session).emit('new-producer', producer);
    return { id: producer.id };
  },

  consume: async (session, request) => {
    const { room, peer } = member(session);
    return room.consume(peer, request);
  },

  'resume-consumer': async (session, { consumerId }) => {
    await member(session).peer.resumeConsumer(consumerId);
    return EMPTY;
  },

  'pause-producer': async (session, { producerId }) => {
    const { peer } = member(session);
    await peer.pauseProducer(producerId);
    toOthers(session).emit('producer-paused', { producerId, peerId: peer.id });
    return EMPTY;
  },

  'resume-producer': async (session, { producerId }) => {
    const { peer } = member(session);
    await peer.resumeProducer(producerId);
    toOthers(session).emit('producer-resumed', { producerId, peerId: peer.id });
    return EMPTY;
  },

  'close-producer': async (session, { producerId }) => {
    // The peer's 'producer-closed' event tells the others.
    member(session).peer.closeProducer(producerId);
    return EMPTY;
  },

  'set-preferred-layers': async (session, { consumerId, spatialLayer, temporalLayer }) => {
    await member(session).peer.setPreferredLayers(consumerId, spatialLayer, temporalLayer);
    return EMPTY;
  },

  'restart-ice': async (session, { transportId }) => ({
    iceParameters: await member(session).peer.restartIce(transportId),
  }),

  'send-chat': async (session, { text }) => {
    const { peer } = member(session);
    const message = {
      id: `${peer.id}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`,
      peerId: peer.id,
      displayName: peer.displayName,
      text,
      sentAt: Date.now(),
    };
    chatOf(session.deps).append(peer.roomId, message);
    toOthers(session).emit('chat-message', message);
    return message;
  },

  'stream:start': async (session, request) => streams(session).start(session, request),

  'stream:watch': async (session, request) => streams(session).watch(session, request),

  'analytics:watch': async (session, request) => {
    if (!session.deps.analytics) throw new AppError('unavailable', 'Analytics are not running');
    return session.deps.analytics.watch(session, request);
  },

  'leave-room': async (session) => {
    member(session);
    void leaveRoom(session, 'left');
    return EMPTY;
  },

  // Batch requests: each item goes through the same Room/Peer call, and the same
  // checks, as its single request; one item failing leaves the others alone.
  'consume-batch': async (session, { transportId, rtpCapabilities, producerIds }) => {
    const { room, peer } = member(session);
    chargeBatch(session, producerIds.length);
    const settled = await settleEach(producerIds, (producerId) => room.consume(peer, { transportId, producerId, rtpCapabilities }), {
      event: 'consume-batch',
      room: room.id,
      peer: peer.id,
    });
    return {
      results: settled.map((item, i) =>
        item.ok ? { ok: true as const, data: item.value } : { ok: false as const, producerId: producerIds[i]!, error: item.error },
      ),
    };
  },

  'resume-consumers': async (session, { consumerIds }) => {
    const { room, peer } = member(session);
    chargeBatch(session, consumerIds.length);
    const settled = await settleEach(consumerIds, (consumerId) => peer.resumeConsumer(consumerId), {
      event: 'resume-consumers',
      room: room.id,
      peer: peer.id,
    });
    return {
      results: settled.map((item, i) =>
        item.ok ? { ok: true as const, consumerId: consumerIds[i]! } : { ok: false as const, consumerId: consumerIds[i]!, error: item.error },
      ),
    };
  },
};
