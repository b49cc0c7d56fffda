'use client';

import { useEffect, useRef, useState } from 'react';
import { useCallActions } from '@/client/useCallActions';
import { describeJoinRefusal } from '@/lib/ui/joinRefusal';
import { useCallStore } from '@/stores/callStore';
import { InCall } from './InCall';
import { JoinRefused } from './JoinRefused';
import { LeftView } from './LeftView';
import { NAME_STORAGE_KEY, PreJoin } from './PreJoin';

/** Picks the screen for `/room/<roomId>` from the call status. */
export function RoomView({ roomId }: { roomId: string }) {
  const status = useCallStore((s) => s.status);
  const storeRoomId = useCallStore((s) => s.roomId);
  const error = useCallStore((s) => s.error);
  const notice = useCallStore((s) => s.notice);
  const actions = useCallActions();
  const [rejoining, setRejoining] = useState(false);

  // Leaving the page (client-side navigation) leaves the call.
  const actionsRef = useRef(actions);
  useEffect(() => {
    actionsRef.current = actions;
  });
  useEffect(
    () => () => {
      const { status: current } = useCallStore.getState();
      if (current === 'joined' || current === 'joining' || current === 'reconnecting') {
        void actionsRef.current.leave();
      }
    },
    [],
  );

  // State left over from another room (client-side navigation) doesn't apply here.
  const sameRoom = storeRoomId === null || storeRoomId === roomId;

  async function rejoin() {
    let name = useCallStore.getState().displayName;
    if (!name) {
      try {
        name = localStorage.getItem(NAME_STORAGE_KEY) ?? '';
      } catch {
        name = '';
      }
    }
    setRejoining(true);
    try {
      await actions.join(roomId, name);
    } catch {
      // a failed join lands on the pre-join screen with the store's error
    } finally {
      setRejoining(false);
    }
  }

  if (sameRoom && (status === 'joined' || status === 'reconnecting')) return <InCall roomId={roomId} />;
  // A refused join link is not a failure to retry: the link itself has to change.
  const refusal = sameRoom && status === 'failed' ? describeJoinRefusal(error) : null;
  if (refusal) return <JoinRefused roomId={roomId} refusal={refusal} />;
  if (sameRoom && status === 'replaced') {
    return (
      <LeftView
        onRejoin={rejoin}
        rejoining={rejoining}
        title="You joined from another tab"
        detail={notice ?? 'This meeting is open in another tab or window.'}
        rejoinLabel="Use this tab instead"
      />
    );
  }
  if (sameRoom && (status === 'left' || (status === 'joining' && rejoining))) {
    return <LeftView onRejoin={rejoin} rejoining={rejoining} />;
  }
  return <PreJoin roomId={roomId} />;
}
