import { compileQuery, shapeResult, shapeSteps } from '@dataetat/widgets';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import { AppError } from '../errors.ts';
import { Deadline, jsonSteps, runSteps } from './budget.ts';

/** CPU work that never ends, in steps of about a millisecond. */
function* endless(): Generator<void, never> {
  for (;;) {
    const until = performance.now() + 1;
    while (performance.now() < until);
    yield;
  }
}

describe('runSteps', () => {
  it('stops CPU work past the deadline with the French 504, the event loop turning meanwhile', async () => {
    let ticks = 0;
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    const error = await runSteps(endless(), { deadline: new Deadline(300) }).catch((e: unknown) => e);
    clearInterval(timer);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'QUERY_TIMEOUT', status: 504 });
    expect((error as Error).message).toContain('300 ms');
    expect(performance.now() - started).toBeLessThan(1_000);
    // Timers ran all along: no stretch of work held the loop (slices are ~8 ms).
    expect(ticks).toBeGreaterThan(10);
    expect(worstGap).toBeLessThan(100);
  });

  it('stops when the client has gone', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const error = await runSteps(endless(), { deadline: new Deadline(10_000), signal: abort.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'QUERY_CANCELLED', status: 499 });
  });
});

describe('stepped work gives the same output as in one go', () => {
  it('shaping', async () => {
    const compiled = compileQuery(
      { dataset: 'chorus_lignes', measures: ['montant_ae'], dimensions: ['annee'], limit: 5_000 },
      catalogue,
      { scope: 'NAT' },
      { dialect: 'duckdb', maxLimit: 10_000 },
    );
    const raw = Array.from({ length: 5_001 }, (_v, i) => [2000 + i, BigInt(i)]);
    const stepped = await runSteps(shapeSteps(compiled, raw), { deadline: new Deadline(10_000) });
    expect(stepped).toEqual(shapeResult(compiled, raw));
    expect(stepped.truncated).toBe(true);
  });

  it('JSON', async () => {
    const value = {
      columns: [{ id: 'a' }],
      rows: Array.from({ length: 2_500 }, (_v, i) => [i, `é"${i}`, null]),
      meta: { n: 1 },
    };
    const text = async (v: { rows: unknown[] }) =>
      Buffer.concat(await runSteps(jsonSteps(v), { deadline: new Deadline(10_000) })).toString('utf8');
    expect(await text(value)).toBe(
      JSON.stringify({ rows: value.rows, columns: value.columns, meta: value.meta }),
    );
    expect(JSON.parse(await text({ rows: [] }))).toEqual({ rows: [] });
  });
});
