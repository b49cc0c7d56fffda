import { describe, expect, it } from 'vitest';
import { applyLayout, applyPin, applyRemoteShare, type PinState } from './pinning';

const grid: PinState = { layout: 'grid', pinnedId: null, layoutBeforePin: null, layoutBeforeShare: null };

describe('pinning', () => {
  it('pins into the speaker layout and unpins back to the grid it came from', () => {
    const pinned = applyPin(grid, 'bob');
    expect(pinned).toEqual({ ...grid, layout: 'speaker', pinnedId: 'bob', layoutBeforePin: 'grid' });
    expect(applyPin(pinned, null)).toEqual(grid);
  });

  it('stays in the speaker layout on unpin when that is where the person was', () => {
    const speaker: PinState = { ...grid, layout: 'speaker' };
    expect(applyPin(applyPin(speaker, 'bob'), null)).toEqual(speaker);
  });

  it('remembers the first layout when the pin moves to someone else', () => {
    const moved = applyPin(applyPin(grid, 'bob'), 'carol');
    expect(moved).toEqual({ ...grid, layout: 'speaker', pinnedId: 'carol', layoutBeforePin: 'grid' });
    expect(applyPin(moved, null).layout).toBe('grid');
  });

  it('ends the pin when the grid is chosen by hand, so no tile keeps an Unpin badge', () => {
    expect(applyLayout(applyPin(grid, 'bob'), 'grid')).toEqual(grid);
    expect(applyLayout(grid, 'speaker')).toEqual({ ...grid, layout: 'speaker' });
  });

  it('puts a remote share on the stage and goes back to the grid when it ends', () => {
    const sharing = applyRemoteShare(grid, true);
    expect(sharing).toEqual({ ...grid, layout: 'speaker', layoutBeforeShare: 'grid' });
    expect(applyRemoteShare(sharing, false)).toEqual(grid);
  });

  it('leaves a layout chosen during the share alone when the share ends', () => {
    const chosen = applyLayout(applyRemoteShare(grid, true), 'speaker');
    expect(applyRemoteShare(chosen, false).layout).toBe('speaker');
    const backToGrid = applyLayout(applyRemoteShare(grid, true), 'grid');
    expect(applyRemoteShare(backToGrid, true)).toEqual({ ...grid, layout: 'speaker', layoutBeforeShare: 'grid' });
  });

  it('changes nothing for someone already in the speaker layout, and keeps a pin when the share ends', () => {
    const speaker: PinState = { ...grid, layout: 'speaker' };
    expect(applyRemoteShare(speaker, true)).toEqual(speaker);
    const pinnedDuringShare = applyPin(applyRemoteShare(grid, true), 'bob');
    expect(applyRemoteShare(pinnedDuringShare, false)).toMatchObject({ layout: 'speaker', pinnedId: 'bob', layoutBeforeShare: null });
  });
});
