'use client';

import { DataTable, EmptyState, Notice, RowHeader, Score, Section, Td, Th } from '@/components/analytics/ui';
import { useStudioStore } from '@/stores/studioStore';
import { DASH, formatKbps, formatSize } from './format';
import { layerMismatch, layerRows } from './layerRows';

const CAPTION = 'Layers: what the browser sends vs what the server receives';

export function LayersTable() {
  const stats = useStudioStore((s) => s.stats);
  const view = useStudioStore((s) => s.serverView);
  const live = useStudioStore((s) => s.status === 'live');
  const rows = layerRows(stats, view);
  const notes = layerMismatch(stats, view);

  let body;
  if (rows.length === 0) {
    body = <EmptyState>{live ? 'Waiting for the first layer numbers…' : 'The server view appears once you are live.'}</EmptyState>;
  } else {
    body = (
      <DataTable caption={CAPTION} minWidth={720}>
        <thead>
          <tr>
            <Th>Layer</Th>
            <Th>Browser bitrate</Th>
            <Th>Resolution</Th>
            <Th>Frame rate</Th>
            <Th>Server score</Th>
            <Th>Server bitrate</Th>
            <Th>Server bytes</Th>
            <Th>Viewers</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ rid, browser, server }) => (
            <tr key={rid} data-testid={`layer-row-${rid}`}>
              <RowHeader>{rid}</RowHeader>
              <Td data-testid="browser-bitrate">{browser ? formatKbps(browser.bitrate) : DASH}</Td>
              <Td data-testid="browser-resolution">{browser ? `${browser.width}×${browser.height}` : DASH}</Td>
              <Td data-testid="browser-fps">{browser ? `${Math.round(browser.fps)} fps` : DASH}</Td>
              <Td data-testid="server-score">
                <Score value={server?.score} />
              </Td>
              {/* The SFU counts bits per second, the browser kbps: one unit in the table. */}
              <Td data-testid="server-bitrate">{server ? formatKbps(server.bitrate / 1000) : DASH}</Td>
              <Td data-testid="server-bytes">{server ? formatSize(server.bytes) : DASH}</Td>
              <Td data-testid="layer-viewers">{server ? server.viewers : DASH}</Td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    );
  }

  return (
    <Section title="Layers" id="studio-layers">
      <div className="flex flex-col gap-3">
        {notes.length > 0 && (
          <div data-testid="layer-mismatch">
            <Notice>{notes.join(' ')}</Notice>
          </div>
        )}
        {body}
      </div>
    </Section>
  );
}
