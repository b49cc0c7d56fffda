'use client';

import { useCallback, useMemo, type CSSProperties } from 'react';
import { useCallActions } from '@/client/useCallActions';
import { gridTemplates, tileGridColumn } from '@/lib/ui/grid';
import { buildTiles, pickStageTile, type TileInfo } from '@/lib/ui/tiles';
import { useCallStore } from '@/stores/callStore';
import { VideoTile } from './VideoTile';

/** The video area: an even grid, or one big tile plus a filmstrip. */
export function Stage() {
  const selfId = useCallStore((s) => s.selfId);
  const displayName = useCallStore((s) => s.displayName);
  const local = useCallStore((s) => s.local);
  const participants = useCallStore((s) => s.participants);
  const order = useCallStore((s) => s.order);
  const activeSpeakerId = useCallStore((s) => s.activeSpeakerId);
  const layout = useCallStore((s) => s.layout);
  const pinnedId = useCallStore((s) => s.pinnedId);
  const actions = useCallActions();

  const tiles = useMemo(
    () => buildTiles({ selfId, displayName, local, participants, order }),
    [selfId, displayName, local, participants, order],
  );

  const togglePin = useCallback(
    (peerId: string) => {
      if (pinnedId === peerId) {
        actions.pin(null);
      } else {
        // pin() also switches to the speaker layout.
        actions.pin(peerId);
      }
    },
    [actions, pinnedId],
  );

  /** What every tile needs besides its variant: speaking and pin state. */
  const tileProps = (tile: TileInfo) => ({
    tile,
    isActiveSpeaker: tile.peerId === activeSpeakerId && tile.source === 'camera',
    pinned: tile.peerId === pinnedId,
    onTogglePin: togglePin,
  });

  if (layout === 'speaker') {
    const main = pickStageTile(tiles, pinnedId, activeSpeakerId);
    const others = tiles.filter((t) => t !== main);
    return (
      <div className="flex size-full flex-col gap-2 p-2" data-layout="speaker">
        <div className="min-h-0 flex-1">
          {main && (
            <VideoTile
              key={main.key}
              {...tileProps(main)}
              variant="stage"
            />
          )}
        </div>
        {others.length > 0 && (
          <ul
            aria-label="Other participants"
            className="flex shrink-0 snap-x gap-2 overflow-x-auto pb-1 md:justify-center"
          >
            {others.map((tile) => (
              <li key={tile.key} className="h-[72px] w-32 shrink-0 snap-start md:h-[90px] md:w-40">
                <VideoTile
                  {...tileProps(tile)}
                  variant="strip"
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }

  return (
    <div
      data-layout="grid"
      style={gridTemplates(tiles.length) as CSSProperties}
      className="grid size-full grid-cols-(--grid-cols) grid-rows-(--grid-rows) gap-2 overflow-y-auto p-2 md:grid-cols-(--grid-cols-md) md:grid-rows-(--grid-rows-md)"
    >
      {tiles.map((tile, index) => (
        <div
          key={tile.key}
          className="col-(--tile-col) min-h-0 min-w-0 md:col-(--tile-col-md)"
          style={
            {
              '--tile-col': tileGridColumn(index, tiles.length, true),
              '--tile-col-md': tileGridColumn(index, tiles.length),
            } as CSSProperties
          }
        >
          <VideoTile
            {...tileProps(tile)}
            variant="grid"
          />
        </div>
      ))}
    </div>
  );
}
