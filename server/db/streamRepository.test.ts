import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StreamSampleRecord } from '@/lib/studio/types';
import type { Database } from './index';
import { hashOwnerKey, STREAM_SAMPLE_LIMIT, StreamRepository, type StreamSampleInput } from './streamRepository';
import { useTestDatabase } from './testDatabase';

let db: Database;
let clock: Date;
let streams: StreamRepository;
useTestDatabase('streams', (opened) => (db = opened));

beforeEach(() => {
  clock = new Date('2026-01-01T10:00:00.000Z');
  streams = new StreamRepository(db.prisma, { now: () => clock });
});

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const STEP_MS = 1000;
const OWNER = hashOwnerKey('owner-key-1');
const OTHER = hashOwnerKey('owner-key-2');

/** A sample whose numbers all differ (and include fractions), so a swapped or truncated column shows. */
function record(index: number, overrides: Partial<StreamSampleRecord> = {}): StreamSampleRecord {
  return {
    at: T0 + index * STEP_MS,
    bitrate: 2500 + index,
    fps: 29.5 + index,
    width: 1280 + index,
    height: 720 + index,
    packetLoss: 0.25 + index,
    latency: 21.5 + index,
    jitter: 3.75 + index,
    audioLevel: -31.5 - index,
    uploadKbps: 5000 + index,
    qualityLimitationReason: 'bandwidth',
    band: 'fair',
    layers: [
      { rid: 'f', bitrate: 1800 + index, fps: 29.5, width: 1280, height: 720, active: true, qualityLimitationReason: 'none' },
      { rid: 'q', bitrate: 200, fps: 15, width: 320, height: 180, active: false },
    ],
    ...overrides,
  };
}

function input(index: number, overrides: Partial<StreamSampleRecord> = {}, streamId = 'stream-1'): StreamSampleInput {
  const { at, ...sample } = record(index, overrides);
  return { streamId, sessionId: 'run-1', at: new Date(at), sample };
}

const start = (streamId = 'stream-1', ownerKeyHash = OWNER) =>
  streams.startSession({ streamId, peerId: `peer-of-${streamId}`, ownerKeyHash });

describe('StreamRepository sessions', () => {
  it('starts a session with its clock, default node and hash', async () => {
    const id = await start();

    expect(await db.prisma.streamSession.findUniqueOrThrow({ where: { id } })).toEqual({
      id,
      streamId: 'stream-1',
      peerId: 'peer-of-stream-1',
      startedAt: clock,
      endedAt: null,
      endReason: null,
      nodeId: 'local',
      ownerKeyHash: OWNER,
    });
    const onNode = await streams.startSession({ streamId: 's', peerId: 'p', nodeId: 'node-b', ownerKeyHash: OWNER });
    expect(await db.prisma.streamSession.findUniqueOrThrow({ where: { id: onNode } })).toMatchObject({ nodeId: 'node-b' });
  });

  it('refuses an owner key hash that is not sha256 hex, so a raw key is never stored', async () => {
    await expect(start('stream-1', 'owner-key-1')).rejects.toThrow(RangeError);
    await expect(start('stream-1', OWNER.toUpperCase())).rejects.toThrow(RangeError);
    expect(await db.prisma.streamSession.count()).toBe(0);
  });

  it('hashes an owner key as sha256 lowercase hex', () => {
    expect(hashOwnerKey('k')).toBe(createHash('sha256').update('k').digest('hex'));
    expect(hashOwnerKey('k')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ends a session once: a later end keeps the first time and reason', async () => {
    const id = await start();
    const endedAt = new Date('2026-01-01T11:00:00.000Z');
    clock = endedAt;
    await streams.endSession(id, 'ended');
    clock = new Date('2026-01-01T12:00:00.000Z');
    await streams.endSession(id, 'disconnected');

    expect(await db.prisma.streamSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      endedAt,
      endReason: 'ended',
    });
    await expect(streams.endSession('no-such-session', 'ended')).resolves.toBeUndefined();
  });

  it('closes the sessions a previous run left open, and only those', async () => {
    const ended = await start('a');
    await streams.endSession(ended, 'ended');
    const open1 = await start('b');
    const open2 = await streams.startSession({ streamId: 'c', peerId: 'p', nodeId: 'node-b', ownerKeyHash: OWNER });
    clock = new Date('2026-01-01T13:00:00.000Z');

    expect(await streams.closeDangling('server-restart')).toBe(2);

    const rows = await db.prisma.streamSession.findMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ended)).toMatchObject({ endReason: 'ended', endedAt: new Date('2026-01-01T10:00:00.000Z') });
    expect(byId.get(open1)).toMatchObject({ endReason: 'server-restart', endedAt: clock });
    expect(byId.get(open2)).toMatchObject({ endReason: 'server-restart', endedAt: clock });
    expect(await streams.closeDangling('server-restart')).toBe(0);
  });

  it('closes dangling sessions of one node only when asked to', async () => {
    await start('a');
    await streams.startSession({ streamId: 'b', peerId: 'p', nodeId: 'node-b', ownerKeyHash: OWNER });

    expect(await streams.closeDangling('server-restart', { nodeId: 'node-b' })).toBe(1);
    expect(await db.prisma.streamSession.count({ where: { endedAt: null } })).toBe(1);
  });

  it('gives the latest session of a stream, open or ended, or null', async () => {
    expect(await streams.latestSession('stream-1')).toBeNull();
    const first = await start();
    clock = new Date('2026-01-01T10:05:00.000Z');
    const second = await start();
    await streams.endSession(second, 'ended');
    clock = new Date('2026-01-01T10:10:00.000Z');
    await start('other-stream');

    expect(await streams.latestSession('stream-1')).toMatchObject({ id: second, endReason: 'ended' });
    expect(first).not.toBe(second);
  });

  it('tells whether a stream was started with an owner key hash', async () => {
    const id = await start();
    await streams.endSession(id, 'ended');
    await start('stream-2', OTHER);

    expect(await streams.ownsStream('stream-1', OWNER)).toBe(true);
    expect(await streams.ownsStream('stream-1', OTHER)).toBe(false);
    expect(await streams.ownsStream('stream-2', OTHER)).toBe(true);
    expect(await streams.ownsStream('stream-2', OWNER)).toBe(false);
    expect(await streams.ownsStream('never-started', OWNER)).toBe(false);
    expect(await streams.ownsStream('stream-1', '')).toBe(false);
  });
});

describe('StreamRepository samples', () => {
  it('stores a batch and gives every field back, layers included, at as ms', async () => {
    await streams.insertSamples([input(0)]);

    expect(await streams.listSamples('stream-1', { since: new Date(0) })).toEqual([record(0)]);
    const [row] = await db.prisma.streamSample.findMany();
    expect(row).toMatchObject({ streamId: 'stream-1', sessionId: 'run-1' });
    expect(JSON.parse(row!.layers)).toEqual(record(0).layers);
  });

  it('lists one stream from `since` on (boundary included), oldest first', async () => {
    await streams.insertSamples([input(2), input(0), input(3), input(1), input(4, {}, 'stream-2')]);

    const listed = await streams.listSamples('stream-1', { since: new Date(record(1).at) });

    expect(listed.map((s) => s.at)).toEqual([record(1).at, record(2).at, record(3).at]);
    expect(await streams.listSamples('stream-2', { since: new Date(0) })).toEqual([record(4)]);
    expect(await streams.listSamples('nobody', { since: new Date(0) })).toEqual([]);
    expect(await streams.listSamples('stream-1')).toHaveLength(4);
  });

  it('keeps the newest `limit` (default 300, at most 1000), still oldest first', async () => {
    const count = STREAM_SAMPLE_LIMIT.max + 1;
    await streams.insertSamples(Array.from({ length: count }, (_, i) => input(i)));
    const since = new Date(0);

    const two = await streams.listSamples('stream-1', { since, limit: 2 });
    expect(two.map((s) => s.at)).toEqual([record(count - 2).at, record(count - 1).at]);
    const byDefault = await streams.listSamples('stream-1', { since });
    expect(byDefault).toHaveLength(STREAM_SAMPLE_LIMIT.fallback);
    expect(byDefault.at(-1)!.at).toBe(record(count - 1).at);
    expect(await streams.listSamples('stream-1', { since, limit: count })).toHaveLength(STREAM_SAMPLE_LIMIT.max);
    expect(await streams.listSamples('stream-1', { since, limit: 0 })).toHaveLength(1);
    expect(await streams.listSamples('stream-1', { since, limit: Number.NaN })).toHaveLength(STREAM_SAMPLE_LIMIT.fallback);
  });

  it('stores fractional Int columns rounded and NaN as 0 instead of failing the batch', async () => {
    await streams.insertSamples([
      input(0, { bitrate: 1234.6, width: 1279.5, uploadKbps: Number.POSITIVE_INFINITY, packetLoss: Number.NaN }),
      input(1),
    ]);

    const [first, second] = await streams.listSamples('stream-1', { since: new Date(0) });
    expect(first).toMatchObject({ bitrate: 1235, width: 1280, uploadKbps: 0, packetLoss: 0 });
    expect(second).toEqual(record(1));
  });

  it('drops a sample without a valid time and stores the rest', async () => {
    await streams.insertSamples([{ ...input(0), at: new Date(Number.NaN) }, input(1)]);

    expect((await streams.listSamples('stream-1')).map((s) => s.at)).toEqual([record(1).at]);
  });

  it('reads a row with corrupt or non-array layers as no layers, without losing the others', async () => {
    await streams.insertSamples([input(0), input(1), input(2)]);
    const [a, b] = await db.prisma.streamSample.findMany({ orderBy: { at: 'asc' } });
    await db.prisma.streamSample.update({ where: { id: a!.id }, data: { layers: '{not json' } });
    await db.prisma.streamSample.update({ where: { id: b!.id }, data: { layers: '{"rid":"f"}' } });

    const listed = await streams.listSamples('stream-1', { since: new Date(0) });

    expect(listed).toEqual([record(0, { layers: [] }), record(1, { layers: [] }), record(2)]);
  });

  it('does nothing for an empty batch', async () => {
    await streams.insertSamples([]);

    expect(await db.prisma.streamSample.count()).toBe(0);
  });

  it('prunes samples before the cutoff and ended sessions before it, keeping open ones', async () => {
    const cutoff = new Date(record(1).at);
    await streams.insertSamples([input(0), input(1), input(2)]);
    clock = new Date(cutoff.getTime() - 60_000);
    const endedBefore = await start('a');
    const endedAt = await start('b');
    const open = await start('c');
    clock = new Date(cutoff.getTime() - 1);
    await streams.endSession(endedBefore, 'ended');
    clock = cutoff;
    await streams.endSession(endedAt, 'ended');

    expect(await streams.pruneBefore(cutoff)).toEqual({ samples: 1, sessions: 1 });

    expect((await streams.listSamples('stream-1')).map((s) => s.at)).toEqual([record(1).at, record(2).at]);
    expect((await db.prisma.streamSession.findMany()).map((s) => s.id).sort()).toEqual([endedAt, open].sort());
  });
});

describe('openDatabase', () => {
  it('offers the stream repository', async () => {
    const id = await db.streams.startSession({ streamId: 's', peerId: 'p', ownerKeyHash: OWNER });

    expect(await db.streams.latestSession('s')).toMatchObject({ id, endedAt: null });
  });
});
