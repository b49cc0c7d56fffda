'use client';

import Link from 'next/link';
import { formatBitrate, formatDuration } from '@/lib/analytics/format';
import type { RoomSummary } from '@/lib/analytics/types';
import { analyticsHref } from './route';
import { DataTable, EmptyState, RowHeader, Td, Th } from './ui';

export function RoomsTable({ rooms, collectedAt }: { rooms: RoomSummary[]; collectedAt: string }) {
  if (rooms.length === 0) return <EmptyState>No rooms right now — start a meeting and it appears here.</EmptyState>;
  const now = Date.parse(collectedAt);
  return (
    <DataTable caption="Live rooms" minWidth={720}>
      <thead>
        <tr>
          <Th>Room</Th>
          <Th>Open for</Th>
          <Th>Worker</Th>
          <Th className="text-right">Peers</Th>
          <Th className="text-right">Producers</Th>
          <Th className="text-right">Consumers</Th>
          <Th className="text-right">In</Th>
          <Th className="text-right">Out</Th>
        </tr>
      </thead>
      <tbody>
        {rooms.map((room) => (
          <tr key={room.id} data-room-id={room.id}>
            <RowHeader>
              <Link href={analyticsHref({ room: room.id })} className="text-sky-300 underline-offset-2 hover:underline">
                {room.id}
              </Link>
            </RowHeader>
            <Td>{formatDuration((now - Date.parse(room.createdAt)) / 1000)}</Td>
            <Td>
              #{room.workerIndex} <span className="text-zinc-500">pid {room.workerPid}</span>
            </Td>
            <Td className="text-right">{room.peerCount}</Td>
            <Td className="text-right">{room.producerCount}</Td>
            <Td className="text-right">{room.consumerCount}</Td>
            <Td className="text-right">{formatBitrate(room.bitrate.inbound)}</Td>
            <Td className="text-right">{formatBitrate(room.bitrate.outbound)}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
