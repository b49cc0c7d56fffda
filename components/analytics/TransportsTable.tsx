import { formatBitrate, formatBytes } from '@/lib/analytics/format';
import type { TransportView, TupleView } from '@/lib/analytics/types';
import { DataTable, EmptyState, RowHeader, Td, Th } from './ui';
import { ConnectionState } from './MediaTables';

function Tuple({ tuple }: { tuple: TupleView | null }) {
  if (!tuple) return <span className="text-zinc-500">none yet</span>;
  return (
    <span>
      {tuple.localIp}:{tuple.localPort} ⇄ {tuple.remoteIp}:{tuple.remotePort}{' '}
      <span className="text-zinc-500 uppercase">{tuple.protocol}</span>
    </span>
  );
}

export function TransportsTable({ transports }: { transports: TransportView[] }) {
  if (transports.length === 0) return <EmptyState>No transports: this peer has no media connection.</EmptyState>;
  return (
    <DataTable caption="This peer's WebRTC transports" minWidth={980}>
      <thead>
        <tr>
          <Th>Direction</Th>
          <Th>ICE</Th>
          <Th>DTLS</Th>
          <Th>Selected tuple (SFU ⇄ browser)</Th>
          <Th className="text-right">Receiving</Th>
          <Th className="text-right">Sending</Th>
          <Th className="text-right">Available outgoing</Th>
          <Th className="text-right">Received</Th>
          <Th className="text-right">Sent</Th>
        </tr>
      </thead>
      <tbody>
        {transports.map((t) => (
          <tr key={t.id} data-transport-id={t.id}>
            <RowHeader>{t.direction}</RowHeader>
            <Td>
              <ConnectionState state={t.iceState} />
            </Td>
            <Td>
              <ConnectionState state={t.dtlsState} />
            </Td>
            <Td>
              <Tuple tuple={t.iceSelectedTuple} />
            </Td>
            <Td className="text-right">{formatBitrate(t.recvBitrate)}</Td>
            <Td className="text-right">{formatBitrate(t.sendBitrate)}</Td>
            <Td className="text-right">{formatBitrate(t.availableOutgoingBitrate)}</Td>
            <Td className="text-right">{formatBytes(t.bytesReceived)}</Td>
            <Td className="text-right">{formatBytes(t.bytesSent)}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
