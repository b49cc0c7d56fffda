import type { Layout } from '@/stores/callStore';

export interface PinState {
  layout: Layout;
  pinnedId: string | null;
  /** The layout pinning switched away from, to go back to on unpin (null: pinning changed nothing). */
  layoutBeforePin: Layout | null;
  /** The layout a remote screen share switched away from, to go back to when sharing ends. */
  layoutBeforeShare: Layout | null;
}

/** Pin someone (the stage shows them, in the speaker layout) or unpin (back to the layout from before). */
export function applyPin(state: PinState, peerId: string | null): PinState {
  if (peerId) {
    const layoutBeforePin = state.pinnedId ? state.layoutBeforePin : state.layout === 'speaker' ? null : state.layout;
    return { ...state, layout: 'speaker', pinnedId: peerId, layoutBeforePin };
  }
  return { ...state, layout: state.layoutBeforePin ?? state.layout, pinnedId: null, layoutBeforePin: null };
}

/** A layout chosen by hand: the grid has no stage, so a pin ends with it. */
export function applyLayout(state: PinState, layout: Layout): PinState {
  // A choice by hand is the person's: a share ending later does not undo it.
  if (layout === 'grid') return { layout, pinnedId: null, layoutBeforePin: null, layoutBeforeShare: null };
  return { ...state, layout, layoutBeforeShare: null };
}

/**
 * Someone else started or stopped sharing a screen. A share goes on the stage
 * (speaker layout, share large, people in the filmstrip), as in Meet and
 * Jitsi; when the last share ends the layout from before comes back.
 */
export function applyRemoteShare(state: PinState, anyRemoteShare: boolean): PinState {
  if (anyRemoteShare) {
    if (state.layout === 'speaker') return state;
    return { ...state, layout: 'speaker', layoutBeforeShare: state.layout };
  }
  if (state.layoutBeforeShare === null || state.pinnedId) return { ...state, layoutBeforeShare: null };
  return { ...state, layout: state.layoutBeforeShare, layoutBeforeShare: null };
}
