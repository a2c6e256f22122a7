/**
 * A request's time budget, and CPU work that shares the event loop (issue 15). The engine, the
 * shaping of its rows and the serialisation of the answer all draw from one deadline; CPU work
 * runs as steps (a generator pausing at each `yield`) and gives the loop back every few
 * milliseconds, so one heavy request never freezes the others, and stops with a 504 past it.
 */
import { AppError } from '../errors.ts';

/** Longest stretch of CPU work before other requests get a turn. */
export const SLICE_MS = 8;

export class Deadline {
  private readonly end: number;

  constructor(readonly timeoutMs: number) {
    this.end = performance.now() + timeoutMs;
  }

  /** Time left for the engine (at least 1 ms: 0 would mean « no limit » to a warehouse). */
  remainingMs(): number {
    return Math.max(1, Math.ceil(this.end - performance.now()));
  }

  /** Past the deadline: the French 504 `QUERY_TIMEOUT`. */
  check(): void {
    if (performance.now() >= this.end) throw new AppError('QUERY_TIMEOUT', { timeoutMs: this.timeoutMs });
  }
}

/** Lets queued I/O and other requests run (after the current macrotask, before timers of later turns). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface StepOptions {
  readonly deadline: Deadline;
  /** Aborted when the client went away: the work stops with `QUERY_CANCELLED`. */
  readonly signal?: AbortSignal;
}

/** Runs stepped CPU work to its end, a slice at a time, within the deadline. */
export async function runSteps<T>(steps: Generator<void, T>, { deadline, signal }: StepOptions): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await nextTurn();
    if (signal?.aborted) throw new AppError('QUERY_CANCELLED');
    deadline.check();
    sliceStart = performance.now();
  }
}

/** Rows serialised between two pauses. */
const JSON_STEP_ROWS = 1_000;

/**
 * `JSON.stringify(value)` of an object with a large `rows` array, in steps, as UTF-8 chunks: the
 * rows a slice at a time, the rest in one go, `rows` first. Chunks rather than one string: the
 * answer is sent as a stream of them, so no multi-megabyte string is ever joined, measured and
 * copied into a buffer in one go (that alone held the event loop for 100–150 ms on 60 000 rows).
 */
export function* jsonSteps<T extends { readonly rows: readonly unknown[] }>(
  value: T,
): Generator<void, Buffer[]> {
  const { rows, ...rest } = value;
  const chunks = [Buffer.from('{"rows":[', 'utf8')];
  for (let i = 0; i < rows.length; i += JSON_STEP_ROWS) {
    const slice = JSON.stringify(rows.slice(i, i + JSON_STEP_ROWS)).slice(1, -1);
    chunks.push(Buffer.from(i === 0 ? slice : `,${slice}`, 'utf8'));
    yield;
  }
  const head = JSON.stringify(rest);
  chunks.push(Buffer.from(head === '{}' ? ']}' : `],${head.slice(1)}`, 'utf8'));
  return chunks;
}
