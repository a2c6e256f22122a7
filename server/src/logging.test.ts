import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from './testing/harness.ts';

/**
 * The logger as a deployment sees it: a real process writing to its stdout, read back. The
 * pretty format runs in pino's worker thread, so only a whole process shows what it prints.
 */
const serverRoot = path.resolve(import.meta.dirname, '..');
const dir = tempDir('dataetat-logging-');
afterAll(() => dir.remove());
const script = path.join(dir.path, 'log.ts');
// A file, not --eval: pino's worker thread inherits the process's flags.
writeFileSync(
  script,
  `
  import { createLogger } from '${path.join(serverRoot, 'src/logging.ts')}';
  const log = createLogger({ logLevel: 'info', logFormat: process.env.FORMAT });
  log.info({ reqId: 'req-7', req: { method: 'GET', url: '/api/me' } }, 'incoming request');
  log.info({ reqId: 'req-7', res: { statusCode: 200 }, responseTime: 4.5 }, 'request completed');
  log.info({ dataset: 'chorus_lignes', rows: 1000 }, 'chorus_lignes : chargé, 1 000 lignes en 2 s');
  log.debug('invisible at info');
`,
);

function printed(format: 'pretty' | 'json'): string[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: serverRoot,
    env: { ...process.env, FORMAT: format },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim().split('\n');
}

it('prints readable lines in the pretty format: request line, status and time, messages in words', () => {
  const lines = printed('pretty');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: req-7 GET \/api\/me incoming request$/);
  expect(lines[1]).toMatch(/INFO: req-7 200 4\.5 ms request completed$/);
  // The fields the message already says are not repeated as JSON.
  expect(lines[2]).toMatch(/INFO: chorus_lignes : chargé, 1 000 lignes en 2 s$/);
});

it('prints one JSON object per line in the json format, fields kept', () => {
  const lines = printed('json').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatchObject({ level: 30, reqId: 'req-7', res: { statusCode: 200 }, responseTime: 4.5 });
  expect(lines[2]).toMatchObject({ dataset: 'chorus_lignes', rows: 1000 });
});
