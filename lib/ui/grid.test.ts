import { describe, expect, it } from 'vitest';
import { gridShape, gridTemplates, tileGridColumn } from './grid';

describe('gridShape (wide)', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 2],
    [4, 2, 2],
    [5, 3, 2],
    [6, 3, 2],
    [9, 3, 3],
    [10, 4, 3],
    [16, 4, 4],
    [17, 5, 4],
    [30, 5, 6],
  ])('%i tiles → %i columns x %i rows', (n, cols, rows) => {
    expect(gridShape(n)).toEqual({ cols, rows });
  });

  it('treats 0 or negative as one tile', () => {
    expect(gridShape(0)).toEqual({ cols: 1, rows: 1 });
    expect(gridShape(-3)).toEqual({ cols: 1, rows: 1 });
  });
});

describe('gridShape (narrow)', () => {
  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [3, 2, 2],
    [4, 2, 2],
    [7, 2, 4],
  ])('%i tiles → %i columns x %i rows', (n, cols, rows) => {
    expect(gridShape(n, true)).toEqual({ cols, rows });
  });
});

describe('gridTemplates', () => {
  it('emits CSS repeat() templates for both breakpoints', () => {
    const t = gridTemplates(3);
    // half-columns: each tile spans two
    expect(t['--grid-cols']).toBe('repeat(4, minmax(0, 1fr))');
    expect(t['--grid-cols-md']).toBe('repeat(4, minmax(0, 1fr))');
    expect(t['--grid-rows-md']).toMatch(/^repeat\(2, minmax\(/);
  });
});

describe('tileGridColumn', () => {
  it('spans two half-columns for full rows', () => {
    expect(tileGridColumn(0, 4)).toBe('span 2 / span 2');
    expect(tileGridColumn(3, 6)).toBe('span 2 / span 2');
  });

  it('centres a lone last tile', () => {
    // 3 tiles on 2 columns: the third starts at half-column 2 (of 4)
    expect(tileGridColumn(2, 3)).toBe('2 / span 2');
    // 7 tiles on 3 columns: the seventh starts at half-column 3 (of 6)
    expect(tileGridColumn(6, 7)).toBe('3 / span 2');
    expect(tileGridColumn(5, 7)).toBe('span 2 / span 2');
  });

  it('centres a last row of two on three columns', () => {
    expect(tileGridColumn(3, 5)).toBe('2 / span 2');
    expect(tileGridColumn(4, 5)).toBe('span 2 / span 2');
  });

  it('uses the narrow shape when asked', () => {
    expect(tileGridColumn(2, 3, true)).toBe('2 / span 2');
    expect(tileGridColumn(1, 2, true)).toBe('span 2 / span 2');
  });
});
