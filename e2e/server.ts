import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@dataetat/server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real server, in-process, on a free port, with a throw-away data directory. `overrides`
 * for a journey that needs a server of its own (one that changes the data others read).
 */
export async function startE2eServer(
  overrides: NonNullable<Parameters<typeof startServer>[0]> = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dataetat-e2e-'));
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      seedDir: path.resolve(repoRoot, '../shared/data'),
      databaseUrl: undefined,
      logLevel: 'warn',
      webDistDir: path.join(repoRoot, 'web/dist'),
      // A small Chorus demo keeps start-up quick; the page-load benchmark uses the demo size.
      chorusLines: 50_000,
      // Journeys check behaviour, not capacity: no load shedding, as in the unit harness (a
      // paused process's empty sample reads as an infinite delay whatever the threshold, see
      // server/src/plugins/load-shedding.ts); shedding has its own tests. Every file signs in
      // from 127.0.0.1: no per-address cap.
      maxEventLoopDelayMs: 0,
      maxHeapUsedMb: 0,
      loginRateLimitPerAddress: 10_000,
      ...overrides,
    },
    { logger: false },
  );
  return {
    url: server.url,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
