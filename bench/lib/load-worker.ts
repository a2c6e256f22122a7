/**
 * Child process running autocannon, so the load generator does not share the server's event
 * loop (the bench process hosts the server). Receives a LoadJob over IPC, answers a LoadOutcome.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadOutcome } from './load.ts';

process.once('message', async (job: LoadJob) => {
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: job.bodies.map((body) => ({
      method: 'POST',
      path: '/api/query',
      headers: { ...job.headers, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body,
    })),
  });
  const outcome: LoadOutcome = {
    connections: job.connections,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    seconds: result.duration,
  };
  process.send?.(outcome, () => process.exit(0));
});
