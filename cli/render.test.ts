import { describe, expect, it } from 'vitest';
import { formatBitrate, formatBytes, formatDuration, formatLayers, formatMs, formatPercent, scoreLabel } from '../lib/analytics/format';
import type { RoomDetail } from '../lib/analytics/types';
import { renderAll, renderConsumer, renderConsumers, renderProducer, renderProducers, renderRoom, renderRooms, renderServer } from './render';
import { consumerView, peerView, producerView, roomDetail, roomSummary, serverOverview } from './testFixtures';

const now = new Date();

/** The one output line that mentions `needle`: a table row, for checking that values sit together. */
function lineWith(text: string, needle: string): string {
  const lines = text.split('\n').filter((line) => line.includes(needle));
  expect(lines, `exactly one line with ${needle}`).toHaveLength(1);
  return lines[0];
}

/** The block under a section title, up to the next blank line. */
function sectionOf(text: string, title: string): string {
  const block = text.split('\n\n').find((b) => b.startsWith(`${title}\n`));
  expect(block, `a section ${title}`).toBeDefined();
  return block ?? '';
}

/** The cells of a table row, trimmed. */
const cells = (line: string) => line.split('│').slice(1, -1).map((c) => c.trim());

describe('renderServer', () => {
  const server = serverOverview(now);
  const text = renderServer(server);

  it('shows each worker with its pid, CPU %, memory, rooms and consumers in one row', () => {
    for (const w of server.workers) {
      expect(cells(lineWith(text, ` ${w.pid} `))).toEqual([
        String(w.index),
        String(w.pid),
        'yes',
        formatPercent(w.cpuPercent),
        formatBytes(w.memoryKb * 1024),
        String(w.rooms),
        String(w.consumers),
      ]);
    }
  });

  it('shows the totals and the node bitrate', () => {
    const { totals, bitrate } = server;
    const row = cells(lineWith(text, formatBitrate(bitrate.inbound)));
    expect(row).toEqual([
      ...[totals.workers, totals.routers, totals.rooms, totals.peers, totals.transports, totals.producers, totals.consumers].map(String),
      formatBitrate(bitrate.inbound),
      formatBitrate(bitrate.outbound),
    ]);
  });

  it('names the node and its uptime', () => {
    expect(text).toContain(server.nodeId);
    expect(text).toContain(formatDuration(server.uptimeSeconds));
  });

  it('shows an unknown CPU % as a dash, not as 0', () => {
    const idle = { ...server, workers: [{ ...server.workers[0], cpuPercent: null }] };
    expect(cells(lineWith(renderServer(idle), ` ${idle.workers[0].pid} `))[3]).toBe('—');
  });
});

describe('renderRooms', () => {
  const rooms = [roomSummary('alpha', now, 1), roomSummary('beta', now, 3)];
  const text = renderRooms(rooms, now);

  it('shows each room with its counts, bitrates and age in one row', () => {
    for (const r of rooms) {
      const row = cells(lineWith(text, ` ${r.id} `));
      expect(row.slice(0, 7)).toEqual([
        r.id,
        String(r.peerCount),
        String(r.producerCount),
        String(r.consumerCount),
        formatBitrate(r.bitrate.inbound),
        formatBitrate(r.bitrate.outbound),
        formatDuration((now.getTime() - Date.parse(r.createdAt)) / 1000),
      ]);
      expect(row[7]).toContain(String(r.workerPid));
    }
  });

  it('says so when there is no room', () => {
    expect(renderRooms([], now)).toBe('No active rooms.');
  });
});

describe('renderRoom', () => {
  const room = roomDetail('demo-room', now);
  const text = renderRoom(room, now);

  it('heads with the room id and its counts', () => {
    const head = text.split('\n').slice(0, 2).join('\n');
    expect(head).toContain(room.id);
    expect(head).toContain(`${room.peerCount} peers`);
    expect(head).toContain(`${room.consumerCount} consumers`);
    expect(head).toContain(formatBitrate(room.bitrate.inbound));
  });

  it('lists the peers: name, joined, connection state, up/down', () => {
    for (const p of room.peers) {
      const row = cells(lineWith(text, ` ${p.id} `));
      expect(row[0]).toContain(p.displayName);
      expect(row[2]).toContain(formatDuration((now.getTime() - Date.parse(p.joinedAt)) / 1000));
      expect(row.slice(3, 6)).toEqual([p.connectionState, formatBitrate(p.bitrate.up), formatBitrate(p.bitrate.down)]);
    }
    expect(cells(lineWith(text, ` ${room.activeSpeakerId} `))[0]).toContain('speaking');
  });

  it('lists the producers with score and bitrate per layer', () => {
    for (const p of room.producers) {
      const first = cells(lineWith(text, ` ${p.id} `));
      expect(first.slice(1, 5)).toEqual([p.peerName, `${p.kind}/${p.source}`, p.paused ? 'yes' : 'no', p.codec]);
      expect(first[8]).toBe(formatBitrate(p.bitrate));
      for (const l of p.layers) {
        const row = cells(lineWith(text, ` ${formatBitrate(l.bitrate)} `));
        expect(row.slice(5, 8)).toEqual([l.rid, String(l.score), formatBitrate(l.bitrate)]);
      }
    }
  });

  it('lists the consumers: receiver, from, paused, scores, current vs preferred layers, bitrate', () => {
    for (const c of room.consumers) {
      expect(cells(lineWith(text, ` ${c.id} `))).toEqual([
        c.id,
        c.peerName,
        c.producerPeerName,
        `${c.kind}/${c.source}`,
        c.paused ? 'yes' : 'no',
        c.producerPaused ? 'yes' : 'no',
        String(c.score),
        c.producerScores.join(', '),
        formatLayers(c.currentLayers),
        formatLayers(c.preferredLayers),
        formatBitrate(c.bitrate),
      ]);
    }
  });

  it('shows empty lists as (none) and survives a server that omits them', () => {
    const empty = { ...room, peers: [], producers: [], consumers: [] };
    expect(renderRoom(empty, now).match(/\(none\)/g)).toHaveLength(3);
    const older = { ...room, peers: undefined, producers: undefined, consumers: undefined } as unknown as RoomDetail;
    expect(renderRoom(older, now).match(/\(none\)/g)).toHaveLength(3);
  });
});

describe('renderProducers', () => {
  it('before the first stats sample, shows the scores mediasoup reported with no bitrate yet', () => {
    const p = { ...producerView('fresh', peerView('p', 'Carol', now)), layers: [] };
    const text = renderProducers([p]);
    for (const s of p.score) expect(cells(lineWith(text, ` ${s.rid} `)).slice(5, 8)).toEqual([s.rid, String(s.score), '—']);
  });

  it('labels an audio stream without rid as audio', () => {
    const peer = peerView('p', 'Dan', now);
    const mic = { ...producerView('mic', peer), kind: 'audio' as const, source: 'mic', layers: [], score: [{ ssrc: 77, score: 10 }] };
    expect(cells(lineWith(renderProducers([mic]), ' mic '))[5]).toBe('audio');
  });
});

describe('renderProducer', () => {
  const p = producerView('prod-1', peerView('peer-1', 'Erin', now), 2);
  const text = renderProducer(p);

  it('shows the producer, its peer and codec', () => {
    expect(text).toContain(p.id);
    expect(text).toContain(`${p.peerName} (${p.peerId})`);
    expect(text).toContain(p.codec);
  });

  it('shows per-layer stats in one row per layer', () => {
    const layers = sectionOf(text, 'Layers');
    for (const l of p.layers) {
      expect(cells(lineWith(layers, ` ${l.ssrc} `))).toEqual([
        String(l.rid),
        String(l.spatialLayer),
        String(l.ssrc),
        String(l.score),
        formatBitrate(l.bitrate),
        String(l.packets),
        formatBytes(l.bytes),
        String(l.packetsLost),
        formatPercent(l.lossPercent),
        formatMs(l.jitterMs),
        String(l.nackCount),
        String(l.pliCount),
        String(l.firCount),
      ]);
    }
  });

  it('shows the simulcast encodings', () => {
    const encodings = sectionOf(text, 'Encodings');
    for (const e of p.simulcastLayers) {
      expect(cells(lineWith(encodings, ` ${e.ssrc} `))).toEqual([String(e.rid), String(e.ssrc), String(e.scaleResolutionDownBy), formatBitrate(e.maxBitrate)]);
    }
  });
});

describe('renderConsumer', () => {
  it('shows every field with its meaning', () => {
    const peer = peerView('peer-r', 'Frank', now);
    const c = consumerView('cons-1', peer, producerView('prod-2', peerView('peer-s', 'Grace', now)), 3);
    const text = renderConsumer(c);
    expect(cells(lineWith(text, '│ score ')).join(' ')).toBe(`score ${c.score} (${scoreLabel(c.score)})`);
    expect(cells(lineWith(text, 'current layers'))[1]).toBe(formatLayers(c.currentLayers));
    expect(cells(lineWith(text, 'preferred layers'))[1]).toBe(formatLayers(c.preferredLayers));
    expect(cells(lineWith(text, 'round trip'))[1]).toBe(formatMs(c.roundTripTimeMs));
    expect(text).toContain(`${c.producerId} of ${c.producerPeerName}`);
  });
});

describe('renderAll', () => {
  it('shows the room and the producers and consumers from their own endpoints', () => {
    const room = roomDetail('all-room', now);
    const other = roomDetail('other', now);
    const extraProducer = producerView('only-in-producers-endpoint', room.peers[0], 3);
    const text = renderAll({ room, producers: [...room.producers, extraProducer], consumers: other.consumers.slice(0, 1) }, now);
    expect(text).toContain(room.id);
    for (const p of room.peers) expect(text).toContain(p.displayName);
    expect(text).toContain(extraProducer.id);
    expect(text).not.toContain(room.consumers[1].id);
    expect(text).toContain(other.consumers[0].id);
  });
});
