/**
 * Grid shape for N equally important tiles. Wide screens fill the stage
 * (1 → 1x1, 2 → side by side, 3-4 → 2x2, 5-6 → 3x2, 7-9 → 3x3, then 4 and 5
 * columns); narrow screens (phones) stack two tiles and never use more than
 * two columns, scrolling instead of shrinking tiles to nothing.
 */
export interface GridShape {
  cols: number;
  rows: number;
}

export function gridShape(count: number, narrow = false): GridShape {
  const n = Math.max(1, Math.floor(count));
  let cols: number;
  if (narrow) cols = n <= 2 ? 1 : 2;
  else if (n <= 1) cols = 1;
  else if (n === 2) cols = 2;
  else if (n <= 4) cols = 2;
  else if (n <= 9) cols = 3;
  else if (n <= 16) cols = 4;
  else cols = 5;
  return { cols, rows: Math.ceil(n / cols) };
}

/**
 * CSS grid templates for both breakpoints, as custom-property values. Each
 * tile spans two half-columns, so an incomplete last row can be centred (see
 * tileGridColumn). Rows get a minimum height so a crowded grid scrolls rather
 * than collapsing.
 */
export function gridTemplates(count: number): Record<'--grid-cols' | '--grid-rows' | '--grid-cols-md' | '--grid-rows-md', string> {
  const narrow = gridShape(count, true);
  const wide = gridShape(count, false);
  return {
    '--grid-cols': `repeat(${narrow.cols * 2}, minmax(0, 1fr))`,
    '--grid-rows': `repeat(${narrow.rows}, minmax(9rem, 1fr))`,
    '--grid-cols-md': `repeat(${wide.cols * 2}, minmax(0, 1fr))`,
    '--grid-rows-md': `repeat(${wide.rows}, minmax(7.5rem, 1fr))`,
  };
}

/**
 * `grid-column` for tile `index` of `count` on the half-column grid: every
 * tile spans two; the first tile of an incomplete last row is shifted so that
 * row is centred.
 */
export function tileGridColumn(index: number, count: number, narrow = false): string {
  const { cols } = gridShape(count, narrow);
  const remainder = count % cols;
  if (remainder !== 0 && index === count - remainder) return `${cols - remainder + 1} / span 2`;
  return 'span 2 / span 2';
}
