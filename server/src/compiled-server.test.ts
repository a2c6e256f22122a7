import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDir, tempDir } from './testing/harness.ts';
import { loginOverHttp } from './testing/session.ts';

/**
 * The production start as `npm start` runs it: the server compiled to JavaScript
 * (scripts/build-server.mjs) started by plain Node, no TypeScript runtime loaded.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(repoRoot, 'server/dist/main.js');
const dir = tempDir('dataetat-compiled-');
let server: ChildProcess;
let url: string;
let output = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build-server.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(build.status, build.stderr).toBe(0);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATAETAT_DATA_DIR: dir.path,
      DATAETAT_SEED_DIR: seedDir,
      DATAETAT_CHORUS_LINES: '5000',
      LOG_FORMAT: 'json',
      // No load shedding, as in every other test (harness.ts `testSettings`): a loaded test
      // machine's event-loop samples can turn answers into 503 (the query and the map answered
      // 503 once at load 14, not at load 9). Shedding has its own tests.
      DATAETAT_MAX_EVENT_LOOP_DELAY_MS: '0',
      DATAETAT_MAX_HEAP_MB: '0',
      // The test process's own settings are not the deployment's.
      NODE_OPTIONS: '',
      VITEST: '',
      NODE_ENV: 'development',
    },
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  // Ready means listening and the seed pack loaded.
  const deadline = Date.now() + 110_000;
  for (;;) {
    const ready = await fetch(`${url}/api/health/ready`).catch(() => null);
    if (ready?.status === 200) break;
    if (server.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Le serveur compilé n’a pas démarré :\n${output.slice(-3_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  dir.remove();
});

it('builds plain JavaScript (no TypeScript file left to load) that Node starts alone', () => {
  const files = readdirSync(path.dirname(bundle)).filter((f) => f.endsWith('.js'));
  expect(files).toContain('main.js');
  for (const file of files) {
    const code = readFileSync(path.join(path.dirname(bundle), file), 'utf8');
    expect(code, file).not.toMatch(/(?:from|import\()\s*["'][^"']+\.tsx?["']/);
  }
  expect(output).toContain('Data-État prêt');
});

it('serves the API: sign-in, the catalogue and a query answered from the loaded data', async () => {
  const session = await loginOverHttp(url, 'editeur@demo.local');
  const datasets = (await (await fetch(`${url}/api/datasets`, { headers: session.headers })).json()) as {
    datasets: { id: string; rowCount: number }[];
  };
  expect(datasets.datasets.find((d) => d.id === 'dotations_investissement')?.rowCount).toBe(24_811);
  const answer = await fetch(`${url}/api/query`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['dotation'],
    }),
  });
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { rows: unknown[][] }).rows).toContainEqual(['DETR', 977_561_920]);
});

it('serves the map boundaries it prepared after listening', async () => {
  const regions = await fetch(`${url}/api/geo/region`);
  expect(regions.status).toBe(200);
  const body = (await regions.json()) as { features: unknown[] };
  expect(body.features.length).toBeGreaterThanOrEqual(18);
});
