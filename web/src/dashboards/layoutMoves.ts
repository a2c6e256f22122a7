/**
 * Keyboard moves and resizes on the 12-column dashboard grid, with the same rules as the mouse
 * (react-grid-layout's vertical compaction): items never overlap, never leave the grid, and
 * float up. Pure: layout in, layout out, so the editor can announce the result and undo it.
 */

export interface GridItem {
  readonly i: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const GRID_COLUMNS = 12;
export const MIN_WIDTH = 2;
export const MIN_HEIGHT = 3;

type Mutable = { -readonly [K in keyof GridItem]: GridItem[K] };

const overlaps = (a: GridItem, b: GridItem) =>
  a.i !== b.i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Items floated up as far as they go, top to bottom (ties: left first), like the mouse grid. */
export function compact(layout: readonly GridItem[]): GridItem[] {
  const order = [...layout].sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: Mutable[] = [];
  for (const item of order) {
    const next: Mutable = { ...item };
    while (next.y > 0 && !placed.some((p) => overlaps({ ...next, y: next.y - 1 }, p))) next.y -= 1;
    placed.push(next);
  }
  // Keep the caller's order: the layout array order is the widgets' reading order elsewhere.
  return layout.map((item) => placed.find((p) => p.i === item.i) ?? item);
}

/** Puts `moved` where it is and pushes every item it now covers below it (cascading). */
function pushBelow(layout: readonly GridItem[], moved: GridItem): GridItem[] {
  const fixed: GridItem[] = [moved];
  const others = layout.filter((item) => item.i !== moved.i).sort((a, b) => a.y - b.y || a.x - b.x);
  const result = new Map<string, GridItem>([[moved.i, moved]]);
  for (const item of others) {
    const next: Mutable = { ...item };
    for (let hit = fixed.find((f) => overlaps(next, f)); hit; hit = fixed.find((f) => overlaps(next, f))) {
      next.y = hit.y + hit.h;
    }
    fixed.push(next);
    result.set(next.i, next);
  }
  return layout.map((item) => result.get(item.i) ?? item);
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

export interface MoveResult {
  readonly layout: GridItem[];
  /** The item after the move, compaction included. */
  readonly item: GridItem;
  /** False when the item could not go further (edge of the grid, top of its column). */
  readonly changed: boolean;
}

function settle(layout: readonly GridItem[], placed: GridItem, before: GridItem): MoveResult {
  const next = compact(pushBelow(layout, placed));
  const item = next.find((it) => it.i === placed.i) ?? placed;
  const changed = item.x !== before.x || item.y !== before.y || item.w !== before.w || item.h !== before.h;
  return changed ? { layout: next, item, changed } : { layout: [...layout], item: before, changed };
}

/**
 * One keyboard step: arrows move by one column or one row. Going down past a neighbour swaps
 * with it (a plain step down would float straight back up under vertical compaction).
 */
export function moveItem(
  layout: readonly GridItem[],
  id: string,
  dx: -1 | 0 | 1,
  dy: -1 | 0 | 1,
  cols = GRID_COLUMNS,
): MoveResult {
  const start = compact(layout);
  const item = start.find((it) => it.i === id);
  if (!item) throw new Error(`Widget « ${id} » absent de la disposition`);
  if (dx !== 0) {
    const x = clamp(item.x + dx, 0, cols - item.w);
    if (x === item.x) return { layout: start, item, changed: false };
    return settle(start, { ...item, x }, item);
  }
  if (dy < 0) {
    if (item.y === 0) return { layout: start, item, changed: false };
    return settle(start, { ...item, y: item.y - 1 }, item);
  }
  if (dy > 0) {
    // The nearest item below sharing a column: jump just past its bottom so they swap places.
    const below = start
      .filter((o) => o.i !== id && o.y >= item.y + item.h && o.x < item.x + item.w && item.x < o.x + o.w)
      .sort((a, b) => a.y - b.y)[0];
    if (!below) return { layout: start, item, changed: false };
    return settle(start, { ...item, y: below.y + below.h }, item);
  }
  return { layout: start, item, changed: false };
}

/** One keyboard step of resizing (shift + arrows): width by a column, height by a row. */
export function resizeItem(
  layout: readonly GridItem[],
  id: string,
  dw: -1 | 0 | 1,
  dh: -1 | 0 | 1,
  cols = GRID_COLUMNS,
  /** The widget type's smallest readable cell (`minSize` of its definition). */
  min: { readonly w: number; readonly h: number } = { w: MIN_WIDTH, h: MIN_HEIGHT },
): MoveResult {
  const start = compact(layout);
  const item = start.find((it) => it.i === id);
  if (!item) throw new Error(`Widget « ${id} » absent de la disposition`);
  const w = clamp(item.w + dw, Math.min(Math.max(MIN_WIDTH, min.w), cols - item.x), cols - item.x);
  const h = Math.max(item.h + dh, MIN_HEIGHT, min.h);
  if (w === item.w && h === item.h) return { layout: start, item, changed: false };
  return settle(start, { ...item, w, h }, item);
}

/** Where a new item of this size goes: the first free spot, top to bottom, left to right. */
export function placeNewItem(
  layout: readonly GridItem[],
  id: string,
  w: number,
  h: number,
  cols = GRID_COLUMNS,
): GridItem {
  const width = clamp(w, MIN_WIDTH, cols);
  const bottom = layout.reduce((max, it) => Math.max(max, it.y + it.h), 0);
  for (let y = 0; y <= bottom; y += 1) {
    for (let x = 0; x + width <= cols; x += 1) {
      const candidate = { i: id, x, y, w: width, h };
      if (!layout.some((it) => overlaps(candidate, it))) return candidate;
    }
  }
  return { i: id, x: 0, y: bottom, w: width, h };
}
