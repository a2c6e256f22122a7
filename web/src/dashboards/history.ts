/**
 * Undo/redo for the dashboard editor: a bounded stack of whole documents (they are small).
 * Consecutive edits of the same kind (typing a title) can be merged into one step.
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** Key of the last recorded edit, to merge a burst of the same edit. */
  readonly lastKey: string | null;
}

export const HISTORY_LIMIT = 100;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

/**
 * Records an edit. With `mergeKey` equal to the previous edit's, the edit replaces the present
 * instead of adding a step (one undo removes the whole word typed). Redo is cleared.
 */
export function record<T>(history: History<T>, next: T, mergeKey: string | null = null): History<T> {
  if (Object.is(next, history.present)) return history;
  if (mergeKey !== null && mergeKey === history.lastKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: mergeKey };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: null };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
