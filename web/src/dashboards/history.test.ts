import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, HISTORY_LIMIT, record, redo, startHistory, undo } from './history.ts';

describe('undo/redo history', () => {
  it('undoes and redoes edits in order', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('a new edit after an undo drops the redo branch', () => {
    let h = record(record(startHistory(1), 2), 3);
    h = record(undo(h), 4);
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it('merges a burst of the same edit into one step', () => {
    let h = startHistory('');
    for (const text of ['M', 'Mo', 'Mon']) h = record(h, text, 'title');
    h = record(h, 'Mon!', 'description');
    expect(undo(h).present).toBe('Mon');
    expect(undo(undo(h)).present).toBe('');
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i += 1) h = record(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });

  it('ignores a no-op edit', () => {
    const h = startHistory({ a: 1 });
    expect(record(h, h.present)).toBe(h);
  });
});
