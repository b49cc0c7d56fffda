import { describe, expect, it } from 'vitest';
import { StreamDirectory, type LiveStream } from './StreamDirectory';

const live = (streamId: string, ownerSocketId: string): LiveStream => ({
  streamId,
  ownerSocketId,
  ownerPeerId: `peer-${ownerSocketId}`,
  startedAt: 0,
  sessionId: Promise.resolve(null),
});

describe('StreamDirectory', () => {
  it('refuses a second socket going live on a live stream id', () => {
    const directory = new StreamDirectory();
    directory.claim(live('show', 'a'));
    expect(() => directory.claim(live('show', 'b'))).toThrow(/already live/);
    expect(directory.isOwner('show', 'a')).toBe(true);
    expect(directory.isOwner('show', 'b')).toBe(false);
  });

  it('frees the id only when its owner releases it, once', () => {
    const directory = new StreamDirectory();
    const ended: string[] = [];
    directory.on('ended', (stream, reason) => ended.push(`${stream.streamId}:${reason}`));
    directory.claim(live('show', 'a'));
    directory.release('show', 'b', 'left');
    expect(directory.get('show')).toBeDefined();
    directory.release('show', 'a', 'left');
    directory.release('show', 'a', 'left');
    expect(ended).toEqual(['show:left']);
    expect(() => directory.claim(live('show', 'b'))).not.toThrow();
  });

  it('counts viewers per stream, live or not, and reports every change', () => {
    const directory = new StreamDirectory();
    const counts: number[] = [];
    directory.on('viewers', (_id, n) => counts.push(n));
    directory.addViewer('show', 'v1');
    directory.addViewer('show', 'v1');
    directory.addViewer('show', 'v2');
    directory.addViewer('other', 'v3');
    expect(directory.viewerCount('show')).toBe(2);
    directory.removeViewer('show', 'v1');
    directory.removeViewer('show', 'unknown');
    directory.removeViewer('show', 'v2');
    expect(directory.viewerCount('show')).toBe(0);
    expect(directory.viewerCount('other')).toBe(1);
    expect(counts).toEqual([1, 2, 1, 1, 0]);
  });
});
