import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportJobAnswer, QueryResult } from '@dataetat/widgets';
import { afterAll, expect, it } from 'vitest';
import { writeChorusAeFile } from '../testing/chorus-file.ts';
import { seedDir, tempDir } from '../testing/harness.ts';
import { loginOverHttp, type TestSession } from '../testing/session.ts';
import { INTERRUPTED_IMPORT_ERROR } from './service.ts';

/**
 * Issue 11: a REAL server process (DuckDB file and PGlite on disk) is killed with SIGKILL in
 * the middle of an import of a large generated file; restarted on the same data, it serves the
 * previous data in full (same totals) and the job is failed with a French message.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const serverRoot = path.resolve(here, '../..');
const LINES = Number(process.env.CRASH_IMPORT_LINES ?? 600_000);
const data = tempDir('dataetat-crash-');
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  data.remove();
});

async function startProcess(): Promise<{ process: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'src/testing/serve.ts')], {
    cwd: serverRoot,
    env: {
      ...process.env,
      DATAETAT_DATA_DIR: data.path,
      DATAETAT_SEED_DIR: seedDir,
      DATAETAT_CHORUS_LINES: '20000',
      DATAETAT_CACHE: 'off',
      DATAETAT_MAX_EVENT_LOOP_DELAY_MS: '0',
      DATAETAT_MAX_HEAP_MB: '0',
      DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS: '10000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    proc.once('exit', (code) => reject(new Error(`le serveur s’est arrêté (code ${code}) : ${out}`)));
  });
  return { process: proc, url };
}

const totalsSpec = { dataset: 'chorus_lignes', measures: ['nb_lignes', 'montant_ae', 'montant_cp'] };
const byOriginSpec = {
  ...totalsSpec,
  dimensions: ['origine', 'region'],
  sort: [{ field: 'region', dir: 'asc' }],
};

async function post(url: string, session: TestSession, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function rows(base: string, session: TestSession, spec: unknown): Promise<unknown[][]> {
  const response = await post(`${base}/api/query`, session, spec);
  expect(response.status).toBe(200);
  return ((await response.json()) as QueryResult).rows as unknown[][];
}

it('keeps the previous data whole and fails the job when the server is killed mid-import', async () => {
  const file = path.join(data.path, 'grand-fichier-ae.csv');
  const generated = await writeChorusAeFile(file, LINES);

  const first = await startProcess();
  const admin = await loginOverHttp(first.url, 'admin@demo.local');
  const totalsBefore = await rows(first.url, admin, totalsSpec);
  const byOriginBefore = await rows(first.url, admin, byOriginSpec);

  const form = new FormData();
  form.append(
    'fichier',
    new Blob([await import('node:fs').then((fs) => fs.readFileSync(file))]),
    'grand-fichier-ae.csv',
  );
  const deposited = await fetch(`${first.url}/api/imports`, {
    method: 'POST',
    headers: admin.headers,
    body: form,
  });
  expect(deposited.status).toBe(201);
  const { job } = (await deposited.json()) as ImportJobAnswer;
  expect(job.size).toBe(generated.bytes);
  // Confirmed at once: it runs as soon as the lines are read.
  const confirmed = await post(`${first.url}/api/imports/${job.id}/confirmation`, admin, { region: '53' });
  expect(confirmed.status).toBe(200);

  // Killed while the data is being replaced (or, on a fast machine that finished reading,
  // while placing lines): the worst moment, inside or right before the swap.
  let seen = '';
  for (let i = 0; i < 6_000; i++) {
    const response = await fetch(`${first.url}/api/imports/${job.id}`, { headers: admin.headers });
    const state = ((await response.json()) as ImportJobAnswer).job;
    seen = `${state.status}/${state.phase}`;
    if (state.status === 'running') break;
    expect(['analysing', 'queued']).toContain(state.status);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(seen).toMatch(/^running\//);
  first.process.kill('SIGKILL');
  await new Promise((resolve) => first.process.once('exit', resolve));

  const second = await startProcess();
  const again = await loginOverHttp(second.url, 'admin@demo.local');
  expect(await rows(second.url, again, totalsSpec)).toEqual(totalsBefore);
  expect(await rows(second.url, again, byOriginSpec)).toEqual(byOriginBefore);
  const after = (await (
    await fetch(`${second.url}/api/imports/${job.id}`, { headers: again.headers })
  ).json()) as ImportJobAnswer;
  expect(after.job.status).toBe('failed');
  expect(after.job.message).toBe(INTERRUPTED_IMPORT_ERROR);
  console.info('import tué pendant', seen, { lines: LINES, bytes: generated.bytes });
  second.process.kill('SIGTERM');
  await new Promise((resolve) => second.process.once('exit', resolve));
}, 600_000);
