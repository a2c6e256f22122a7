/**
 * Child process running autocannon, so the load generator does not share the server's event
 * loop (the bench process hosts the server). Receives a LoadJob over IPC, answers a LoadOutcome.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadOutcome } from './load.ts';

/** Nearest-rank percentile of sorted values (q in 0..1). */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

process.once('message', async (job: LoadJob) => {
  // Every answer's latency, so p95 is exact (autocannon's summary stops at p90 / p97.5).
  const latencies: number[] = [];
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: job.bodies.map((body) => ({
      method: 'POST',
      path: job.path,
      headers: { ...job.headers, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body,
    })),
  });
  const statuses: Record<string, number> = {};
  instance.on('response', (_client, status: number, _bytes, responseTime: number) => {
    latencies.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const outcome: LoadOutcome = {
    connections: job.connections,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
    latencyP50Ms: percentile(sorted, 0.5),
    latencyP95Ms: percentile(sorted, 0.95),
    latencyP99Ms: percentile(sorted, 0.99),
    latencyMaxMs: sorted[sorted.length - 1] ?? Number.NaN,
    seconds: result.duration,
  };
  process.send?.(outcome, () => process.exit(0));
});
