import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { repoRoot } from '../../config.ts';
import { openTestServices, seedDir, tempDir } from '../../testing/harness.ts';
import { runImportCli } from './run.ts';

/**
 * The import command against a real server listening on a port (its HTTP API, as an
 * administrator would run it next to a running server): refusal, dry run, import, report.
 */

const SAMPLES = path.join(seedDir, 'formats/chorus');
const ADMIN = { DATAETAT_USER: 'admin@demo.local', DATAETAT_PASSWORD: 'demo' };

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let url: string;
const work = tempDir('dataetat-import-cli-');
const sql = async (text: string) => (await services.warehouse.query(text)).rows;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 5_000 });
  app = await buildApp(services, { logger: false });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await services?.cleanup();
  work.remove();
});

async function run(args: string[], env: Record<string, string> = ADMIN) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    cwd: SAMPLES,
    env: { DATAETAT_URL: url, ...env },
    pollMs: 50,
  });
  // Intl writes numbers with narrow no-break spaces: compare with plain ones.
  const plain = (lines: string[]) => lines.join('\n').replace(/[\u00a0\u202f]/g, ' ');
  return { code, out: plain(out), err: plain(err) };
}

const lastJob = async () => (await services.imports.jobs.page(1, 1)).rows[0];

describe('pnpm run import', () => {
  it('says why a file is refused, in French, with exit code 1', async () => {
    const pdf = path.join(work.path, 'chorus.csv');
    writeFileSync(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    const result = await run([pdf]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Fichier refusé, rien n’a été importé : .*PDF/);
    expect((await lastJob())?.status).toBe('refused');
  });

  it('with --dry-run, prints the format, the counts, the régions and problems, then abandons the job', async () => {
    const result = await run(['national/aife_ae.csv', '--dry-run']);
    expect(result.code).toBe(0);
    // Only the reading's progress on stderr.
    expect(result.err).toMatch(/^(Lecture et vérification des lignes… \d+ %\n?)*$/);
    expect(result.out).toContain('Format reconnu : Chorus AIFE national — engagements (AE) ; encodage');
    expect(result.out).toMatch(/Lignes lues : \d+ ; valides : \d+ ; rejetées : \d+/);
    expect(result.out).toMatch(/Années : \d{4}.* ; régions : .+\(\d{2}\)/);
    expect(result.out).toMatch(
      /Essai à blanc \(--dry-run\) : import n° \d+ abandonné, rien n’a été importé\.$/,
    );
    expect((await lastJob())?.status).toBe('cancelled');
    expect(await sql(`SELECT count(*) FROM chorus_lignes WHERE origine <> 'demo'`)).toEqual([[0]]);
  });

  it('refuses to confirm a regional report without its région, and leaves nothing waiting', async () => {
    const result = await run(['regional/chorus_ae.csv']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/région/);
    expect(result.err).toMatch(/Import n° \d+ abandonné : rien n’a été importé\./);
    expect((await lastJob())?.status).toBe('cancelled');
  });

  it('imports with --mode ignorer --region 53, follows it to the end and gives the report', async () => {
    const result = await run(['regional/chorus_ae.csv', '--mode', 'ignorer', '--region', '53']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Format reconnu : Chorus INF-BUD-53 — engagements (AE) ; encodage UTF-8');
    expect(result.out).toContain('Lignes lues : 3 ; valides : 2 ; rejetées : 1');
    expect(result.out).toContain('ligne 11, colonne « Programme », valeur « XXX »');
    expect(result.out).toContain('Confirmé : mode « Ignorer les lignes invalides », région Bretagne (53).');
    expect(result.out).toContain('2023, Bretagne : 2 ligne(s) AE remplacée(s)');
    // Progress of the phases goes to stderr.
    expect(result.err).toMatch(/%/);
    const job = await lastJob();
    expect(job?.status).toBe('succeeded');
    const report = result.out.match(/Rapport des problèmes : (\S+)/)?.[1];
    expect(report).toBe(`${url}/api/imports/${job?.id}/rapport.csv`);
    expect(await sql(`SELECT count(*) FROM chorus_lignes WHERE origine = 'importe'`)).toEqual([[2]]);
  });

  it('refuses a file meant for another dataset than --dataset', async () => {
    const result = await run(['regional/financial_cp.csv', '--dataset', 'ademe_aides', '--region', '53']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/alimente le jeu de données « chorus_lignes », pas « ademe_aides »/);
    expect((await lastJob())?.status).toBe('cancelled');
  });

  it('explains wrong usage (exit 2) and a wrong password (exit 1) before sending anything', async () => {
    const before = (await services.imports.jobs.page(1, 1)).total;
    const mode = await run(['regional/chorus_ae.csv', '--mode', 'partiel']);
    expect(mode.code).toBe(2);
    expect(mode.err).toMatch(/^--mode partiel : attendu tout-ou-rien ou ignorer\.\nUsage/);
    expect((await run(['absent.csv'])).err).toMatch(/^Fichier introuvable : .*absent\.csv/);
    const noPassword = await run(['regional/chorus_ae.csv'], { DATAETAT_USER: 'admin@demo.local' });
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toMatch(/DATAETAT_PASSWORD/);
    const wrong = await run(['regional/chorus_ae.csv'], { ...ADMIN, DATAETAT_PASSWORD: 'mauvais' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe('Adresse électronique ou mot de passe incorrect.');
    expect((await services.imports.jobs.page(1, 1)).total).toBe(before);
  });

  /** As typed in a shell: pnpm keeps an INIT_CWD it inherits (here the outer `pnpm test`'s). */
  const shellEnv = () => {
    const { INIT_CWD: _inherited, ...env } = process.env;
    return env;
  };

  it('runs as the root script `pnpm run import`, paths relative to where it is typed', async () => {
    // Typed in docs/ (not a package: pnpm runs the root's script, from the root).
    const typedIn = path.join(repoRoot, 'docs');
    const file = path.relative(typedIn, path.join(SAMPLES, 'regional/financial_cp.csv'));
    const { stdout, stderr } = await promisify(execFile)(
      'pnpm',
      ['--silent', 'run', 'import', file, '--dry-run'],
      { cwd: typedIn, env: { ...shellEnv(), ...ADMIN, DATAETAT_URL: url } },
    );
    expect(stderr.replace(/[\u00a0\u202f]/g, ' ')).not.toMatch(/Error/);
    expect(stdout).toContain('Format reconnu : Chorus INF-BUD-53 — paiements (CP)');
    expect(stdout).toMatch(/Essai à blanc/);
  }, 60_000);
});
