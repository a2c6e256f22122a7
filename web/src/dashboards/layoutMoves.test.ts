import { describe, expect, it } from 'vitest';
import { compact, type GridItem, moveItem, placeNewItem, resizeItem } from './layoutMoves.ts';

const at = (layout: readonly GridItem[], id: string) => {
  const item = layout.find((it) => it.i === id);
  if (!item) throw new Error(id);
  return { x: item.x, y: item.y, w: item.w, h: item.h };
};

const noOverlap = (layout: readonly GridItem[]) => {
  for (const a of layout)
    for (const b of layout)
      if (a.i !== b.i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        throw new Error(`${a.i} chevauche ${b.i}`);
  return true;
};

// Two side by side on the first row, one full-width below.
const layout: GridItem[] = [
  { i: 'a', x: 0, y: 0, w: 6, h: 4 },
  { i: 'b', x: 6, y: 0, w: 6, h: 4 },
  { i: 'c', x: 0, y: 4, w: 12, h: 5 },
];

describe('compact', () => {
  it('floats items up into free space without changing their order in the array', () => {
    const result = compact([
      { i: 'a', x: 0, y: 3, w: 4, h: 2 },
      { i: 'b', x: 0, y: 9, w: 4, h: 2 },
    ]);
    expect(result.map((it) => [it.i, it.y])).toEqual([
      ['a', 0],
      ['b', 2],
    ]);
  });
});

describe('moveItem', () => {
  it('moves one column right and pushes the item it now covers below, then compacts', () => {
    const { layout: next, item, changed } = moveItem(layout, 'a', 1, 0);
    expect(changed).toBe(true);
    expect(item).toMatchObject({ x: 1, y: 0 });
    // b was covered (columns 6) so it goes under a; c follows under b.
    expect(at(next, 'b')).toEqual({ x: 6, y: 4, w: 6, h: 4 });
    expect(at(next, 'c')).toEqual({ x: 0, y: 8, w: 12, h: 5 });
    expect(noOverlap(next)).toBe(true);
  });

  it('stops at the left and right edges of the 12 columns', () => {
    expect(moveItem(layout, 'a', -1, 0).changed).toBe(false);
    expect(moveItem(layout, 'b', 1, 0).changed).toBe(false);
    expect(moveItem(layout, 'c', 1, 0)).toMatchObject({ changed: false, item: { x: 0, w: 12 } });
  });

  it('cannot go above the first row', () => {
    expect(moveItem(layout, 'a', 0, -1)).toMatchObject({ changed: false, item: { y: 0 } });
  });

  it('passes the item below on arrow down, and comes back on arrow up', () => {
    const down = moveItem(layout, 'a', 0, 1);
    expect(down.changed).toBe(true);
    // c cannot rise (b still holds the right half of the first rows): a goes under c.
    expect(at(down.layout, 'a')).toEqual({ x: 0, y: 9, w: 6, h: 4 });
    expect(at(down.layout, 'b')).toEqual({ x: 6, y: 0, w: 6, h: 4 });
    expect(at(down.layout, 'c')).toEqual({ x: 0, y: 4, w: 12, h: 5 });
    expect(noOverlap(down.layout)).toBe(true);

    const up = moveItem(down.layout, 'a', 0, -1);
    expect(at(up.layout, 'a')).toEqual({ x: 0, y: 0, w: 6, h: 4 });
    expect(at(up.layout, 'c').y).toBe(4);
    expect(noOverlap(up.layout)).toBe(true);
  });

  it('swaps two stacked items of the same width', () => {
    const stack: GridItem[] = [
      { i: 'top', x: 0, y: 0, w: 12, h: 4 },
      { i: 'bottom', x: 0, y: 4, w: 12, h: 6 },
    ];
    const down = moveItem(stack, 'top', 0, 1);
    expect(at(down.layout, 'bottom').y).toBe(0);
    expect(at(down.layout, 'top').y).toBe(6);
  });

  it('says nothing changed when there is nothing below to pass', () => {
    expect(moveItem(layout, 'c', 0, 1).changed).toBe(false);
  });
});

describe('resizeItem', () => {
  it('widens by one column, pushing the neighbour down', () => {
    const { layout: next, item } = resizeItem(layout, 'a', 1, 0);
    expect(item).toMatchObject({ w: 7, h: 4 });
    expect(at(next, 'b')).toEqual({ x: 6, y: 4, w: 6, h: 4 });
    expect(noOverlap(next)).toBe(true);
  });

  it('never grows past the right edge nor shrinks under the minimum size', () => {
    expect(resizeItem(layout, 'b', 1, 0).changed).toBe(false);
    const narrow: GridItem[] = [{ i: 'n', x: 0, y: 0, w: 2, h: 3 }];
    expect(resizeItem(narrow, 'n', -1, 0).changed).toBe(false);
    expect(resizeItem(narrow, 'n', 0, -1).changed).toBe(false);
  });

  it('keeps a widget at least its type’s minimum size (a map: 4 × 8)', () => {
    const map: GridItem[] = [{ i: 'm', x: 0, y: 0, w: 4, h: 8 }];
    expect(resizeItem(map, 'm', -1, 0, 12, { w: 4, h: 8 }).changed).toBe(false);
    expect(resizeItem(map, 'm', 0, -1, 12, { w: 4, h: 8 }).changed).toBe(false);
    expect(resizeItem(map, 'm', 0, -1).item.h).toBe(7);
  });

  it('grows taller and moves what is below further down', () => {
    const { layout: next } = resizeItem(layout, 'a', 0, 1);
    expect(at(next, 'a').h).toBe(5);
    expect(at(next, 'c').y).toBe(5);
  });
});

describe('placeNewItem', () => {
  it('takes the first free spot, else a new row at the bottom', () => {
    const half: GridItem[] = [{ i: 'a', x: 0, y: 0, w: 6, h: 4 }];
    expect(placeNewItem(half, 'n', 6, 4)).toEqual({ i: 'n', x: 6, y: 0, w: 6, h: 4 });
    expect(placeNewItem(layout, 'n', 6, 4)).toEqual({ i: 'n', x: 0, y: 9, w: 6, h: 4 });
  });
});
