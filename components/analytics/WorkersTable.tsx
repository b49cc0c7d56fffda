import { formatBytes, formatPercent } from '@/lib/analytics/format';
import type { ServerOverview } from '@/lib/analytics/types';
import { Badge, DataTable, RowHeader, Td, Th } from './ui';

export function WorkersTable({ server }: { server: ServerOverview }) {
  return (
    <DataTable caption="mediasoup workers" minWidth={560}>
      <thead>
        <tr>
          <Th>Worker</Th>
          <Th>PID</Th>
          <Th>State</Th>
          <Th className="text-right">CPU</Th>
          <Th className="text-right">Memory</Th>
          <Th className="text-right">Rooms</Th>
          <Th className="text-right">Consumers</Th>
        </tr>
      </thead>
      <tbody>
        {server.workers.map((w) => (
          <tr key={w.index} data-worker-pid={w.pid}>
            <RowHeader>#{w.index}</RowHeader>
            <Td>{w.pid}</Td>
            <Td>{w.alive ? <Badge tone="ok">Running</Badge> : <Badge tone="bad">Died</Badge>}</Td>
            <Td className="text-right" title={`user ${w.cpu.userMs} ms, system ${w.cpu.systemMs} ms in total`}>
              {formatPercent(w.cpuPercent)}
            </Td>
            <Td className="text-right">{formatBytes(w.memoryKb * 1024)}</Td>
            <Td className="text-right">{w.rooms}</Td>
            <Td className="text-right">{w.consumers}</Td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function Totals({ server }: { server: ServerOverview }) {
  const t = server.totals;
  const items: [string, number][] = [
    ['Workers', t.workers],
    ['Routers', t.routers],
    ['Rooms', t.rooms],
    ['Peers', t.peers],
    ['Transports', t.transports],
    ['Producers', t.producers],
    ['Consumers', t.consumers],
  ];
  return (
    <dl aria-label="Totals on this node" className="grid grid-cols-4 gap-2 sm:grid-cols-7">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg bg-zinc-900/60 px-3 py-2 ring-1 ring-zinc-800">
          <dt className="text-xs text-zinc-400">{label}</dt>
          <dd className="text-base font-semibold text-white tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
