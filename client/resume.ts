import type { ChatMessage, ResumeSessionResult } from '@/lib/protocol';
import { useCallStore } from '@/stores/callStore';
import { addParticipant, patchParticipant, removeParticipant } from './participants';
import type { RemoteMedia } from './RemoteMedia';

/** Server history and what this page already shows, once each, in time order. */
export function mergeChat(shown: readonly ChatMessage[], history: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const m of [...history, ...shown]) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt);
}

/**
 * After `resume-session`: bring the page in line with the room as it is now
 * (who left or came, what was published, closed or paused while we were away).
 * The media objects themselves were kept on both sides.
 */
export function reconcileRoom(remote: RemoteMedia, resumed: ResumeSessionResult): void {
  const present = new Set(resumed.peers.map((p) => p.id));
  for (const peerId of useCallStore.getState().order) {
    if (present.has(peerId)) continue;
    remote.removePeer(peerId);
    removeParticipant(peerId);
  }
  remote.retainConsumers(new Set(resumed.consumerIds));
  for (const peer of resumed.peers) {
    addParticipant(peer);
    patchParticipant(peer.id, { reconnecting: Boolean(peer.reconnecting) });
    const live = new Set(peer.producers.map((p) => p.id));
    remote.retainProducersOf(peer.id, live);
    for (const producer of peer.producers) {
      void remote.add(producer);
      remote.setPaused(producer.id, producer.paused);
    }
  }
  useCallStore.setState((s) => ({ activeSpeakerId: resumed.activeSpeakerId, chat: mergeChat(s.chat, resumed.chat) }));
}
