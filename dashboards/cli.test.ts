import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/src/app.ts';
import { openMetadataStore } from '../server/src/metadata/store.ts';
import { openTestServices } from '../server/src/testing/harness.ts';
import { UserRepository } from '../server/src/users/repository.ts';
import { runDashboardsCli } from './src/run.ts';
import { DASHBOARDS_DIR } from './src/validate.ts';

const run = promisify(execFile);
const tsx = path.resolve(DASHBOARDS_DIR, '../server/node_modules/.bin/tsx');
const cli = path.join(DASHBOARDS_DIR, 'src/cli.ts');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dataetat-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The command in this process, as `pnpm dashboards <args>` typed in `dataDir` with `env`: the
 * same code as the binary (cli.ts only hands it the process's argv, streams and exit code, as
 * the one real start below checks), without a `tsx` start of 5–10 s per call.
 */
async function inProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runDashboardsCli(args, {
    env: { ...env, INIT_CWD: dataDir },
    cwd: dataDir,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The CLI on a fresh PGlite metadata store (no server needed). */
function cli$(args: string[]) {
  return inProcess(args, { DATAETAT_DATA_DIR: dataDir, DATABASE_URL: '' });
}

describe('pnpm dashboards (CLI)', () => {
  it('needs an owner account (the real binary: argv, stderr and exit code)', async () => {
    writeFileSync(path.join(dataDir, 'vide.json'), JSON.stringify(EMPTY));
    await expect(
      run(tsx, [cli, 'import', 'vide.json'], {
        cwd: dataDir,
        env: { ...process.env, DATAETAT_DATA_DIR: dataDir, DATABASE_URL: '', INIT_CWD: dataDir },
      }),
    ).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Aucun administrateur actif : indiquez le propriétaire avec --owner adresse@exemple.fr.\n',
    });
    expect(await cli$(['import', 'vide.json'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Aucun administrateur actif : indiquez le propriétaire avec --owner adresse@exemple.fr.\n',
    });
  }, 120_000);

  describe('with accounts', () => {
    beforeAll(async () => {
      // The CLI shares the server's metadata store: accounts come from there.
      const store = await openMetadataStore({ dataDir, databaseUrl: undefined });
      await store.migrate();
      const users = new UserRepository(store.db);
      await users.create({ email: 'admin@exemple.fr', name: 'Alice Admin', role: 'admin', scope: 'NAT' });
      await users.create({
        email: 'editeur@exemple.fr',
        name: 'Éric Éditeur',
        role: 'editeur',
        scope: 'NAT',
      });
      await store.close();
    }, 120_000);

    it('imports a file (owner: the first admin, or --owner) and exports the same definition', async () => {
      const source = JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, 'politique-ville.json'), 'utf8'));
      writeFileSync(path.join(dataDir, 'copie.json'), JSON.stringify(source));

      const byAdmin = await cli$(['import', 'copie.json']);
      expect(byAdmin).toMatchObject({ code: 0, stderr: '' });
      expect(byAdmin.stdout).toMatch(
        /^Tableau de bord importé : [A-Za-z0-9]{10} \(« Politique de la ville : adultes-relais et FONJEP », propriétaire Alice Admin\)\.\n$/,
      );
      const byEditor = await cli$(['import', 'copie.json', '--owner', 'editeur@exemple.fr']);
      expect(byEditor).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('propriétaire Éric Éditeur'),
      });

      const id = /importé : (\w+)/.exec(byAdmin.stdout)?.[1] ?? '';
      const exported = await cli$(['export', id]);
      expect(exported).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(exported.stdout)).toEqual(source);
    }, 120_000);

    it('refuses an unknown owner, an invalid file and an unknown id', async () => {
      expect(await cli$(['import', 'vide.json', '--owner', 'personne@exemple.fr'])).toMatchObject({
        code: 1,
        stderr: 'Aucun compte ne porte l’adresse « personne@exemple.fr ».\n',
      });
      writeFileSync(path.join(dataDir, 'futur.json'), JSON.stringify({ ...EMPTY, schemaVersion: 7 }));
      expect(await cli$(['import', 'futur.json'])).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('version de schéma 7, plus récente que celle que ce serveur connaît'),
      });
      writeFileSync(
        path.join(dataDir, 'casse.json'),
        JSON.stringify({
          ...EMPTY,
          widgets: [
            {
              id: 'k',
              type: 'kpi',
              title: 'K',
              query: { dataset: 'chorus_lignes', measures: ['montant'] },
              options: {},
            },
          ],
          layout: [{ i: 'k', x: 0, y: 0, w: 3, h: 2 }],
        }),
      );
      expect(await cli$(['import', 'casse.json'])).toMatchObject({
        code: 1,
        stderr:
          'Le tableau de bord est invalide : widget « k », emplacement « /widgets/0/query/measures/0 » : ' +
          'le champ « montant » n’existe pas dans le jeu de données « chorus_lignes ».\n',
      });
      expect(await cli$(['export', 'inexistant'])).toMatchObject({
        code: 1,
        stderr: 'Le tableau de bord « inexistant » n’existe pas dans la base de métadonnées.\n',
      });
    }, 120_000);
  });
});

describe('pnpm dashboards through a running server (DATAETAT_URL)', () => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let server: { url: string };
  beforeAll(async () => {
    // A real server on a real port, on the run's seeded template (harness.ts).
    services = await openTestServices({ chorusLines: 2_000 });
    app = await buildApp(services, { logger: false });
    server = { url: await app.listen({ port: 0, host: '127.0.0.1' }) };
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await services?.cleanup();
  });

  /** As typed beside the running server: its PGlite store is busy, the CLI goes through the API. */
  const viaApi = (args: string[], user = 'editeur@demo.local', password = 'demo') =>
    inProcess(args, {
      DATAETAT_DATA_DIR: services.settings.dataDir,
      DATABASE_URL: '',
      DATAETAT_URL: server.url,
      DATAETAT_USER: user,
      DATAETAT_PASSWORD: password,
    });

  it('imports and exports while the server runs on its PGlite store', async () => {
    const source = JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, 'politique-ville.json'), 'utf8'));
    writeFileSync(path.join(dataDir, 'en-service.json'), JSON.stringify(source));
    const imported = await viaApi(['import', 'en-service.json']);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/propriétaire Éditeur démo\)\.\n$/);
    const id = /importé : (\w+)/.exec(imported.stdout)?.[1] ?? '';
    const exported = await viaApi(['export', id]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(exported.stdout)).toEqual(source);
    // Saved in the server's own store, by its rules: the owner is the signed-in account.
    const editeur = await services.users.byEmail('editeur@demo.local');
    const stored = await services.dashboards.get(
      { id: editeur?.id ?? 0, name: editeur?.name ?? '', role: 'editeur' },
      id,
    );
    expect(stored.owner.name).toBe('Éditeur démo');
  }, 120_000);

  it('says what is wrong in French: no account, a wrong password, --owner, an unknown id', async () => {
    expect(await inProcess(['export', 'x'], { DATAETAT_URL: server.url, DATAETAT_USER: '' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('DATAETAT_USER'),
    });
    expect(await viaApi(['export', 'x'], 'editeur@demo.local', 'faux')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/mot de passe/i),
    });
    expect(await viaApi(['export', 'inexistant'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/« inexistant » n['’]existe pas/),
    });
    expect(await viaApi(['import', 'en-service.json', '--owner', 'admin@demo.local'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--owner ne s’applique qu’au magasin de métadonnées'),
    });
  }, 120_000);
});

const EMPTY = { schemaVersion: 1, title: 'Vide', description: '', widgets: [], layout: [], filters: [] };
