import { type Catalogue, compileQuery, type Dialect, type QuerySpec } from '@dataetat/widgets';
import { type Summary, summarise } from './stats.ts';

const NATIONAL = { scope: 'NAT' } as const;

/**
 * compileQuery alone (pure, synchronous), in microseconds per call: `iterations` timed calls
 * after a tenth as many warm-up calls. The spec is deep-copied once so the compiler sees a
 * fresh object graph as it would from a parsed request body.
 */
export function measureCompile(
  spec: QuerySpec,
  catalogue: Catalogue,
  options: { dialect: Dialect; maxLimit: number; iterations: number },
): Summary {
  const body: unknown = structuredClone(spec);
  const compile = () =>
    compileQuery(body, catalogue, NATIONAL, { dialect: options.dialect, maxLimit: options.maxLimit });
  for (let i = 0; i < Math.ceil(options.iterations / 10); i++) compile();
  const samples = new Array<number>(options.iterations);
  for (let i = 0; i < options.iterations; i++) {
    const started = process.hrtime.bigint();
    compile();
    samples[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  return summarise(samples);
}
