/**
 * The idle-gap phase of `pnpm bench:query` alone (issue 16, not a timed test), on a small
 * dataset by default: the first request after a random pause per route, beside a bare
 * `node:http` server in the same process (lib/idle-gap.ts says how).
 *
 *   pnpm --filter @dataetat/bench exec tsx idle-gap.bench.ts
 *   BENCH_IDLE_ROUNDS=8 BENCH_IDLE_MIN_MS=5000 BENCH_IDLE_MAX_MS=40000 pnpm --filter @dataetat/bench exec tsx idle-gap.bench.ts
 *
 * Target: a trivial route (no database) within 5 ms of the bare server after a pause.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { integer } from './lib/config.ts';
import { idleGapPhase, idleGapSeconds, renderIdleGap } from './lib/idle-gap.ts';
import { describeMachine } from './lib/machine.ts';

const env = process.env;
const config = {
  lines: integer(env, 'BENCH_CHORUS_LINES', 20_000, 1000),
  rounds: integer(env, 'BENCH_IDLE_ROUNDS', 5, 1),
  minGapMs: integer(env, 'BENCH_IDLE_MIN_MS', 5_000, 0),
  maxGapMs: integer(env, 'BENCH_IDLE_MAX_MS', 10_000, 0),
  dataRoot: path.join(path.dirname(fileURLToPath(import.meta.url)), '.data'),
};
process.stderr.write(`[bench:idle] ${config.rounds} rounds × 5 targets, ≈ ${idleGapSeconds(config)} s…\n`);
const results = await idleGapPhase(config);
const machine = describeMachine();
console.log(
  [
    `Data-État idle-gap benchmark — ${new Date().toISOString()}`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`,
    renderIdleGap(results),
  ].join('\n'),
);
