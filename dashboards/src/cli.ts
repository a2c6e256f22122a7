/**
 * Dashboards as code, from the command line (run from the repository root):
 *   pnpm dashboards export <id> > fichier.json   the definition of a stored dashboard
 *   pnpm dashboards import fichier.json [--owner adresse@exemple.fr]
 *   pnpm dashboards validate [dossier]           the CI check of dashboards/*.json
 * With DATAETAT_URL (and DATAETAT_USER, DATAETAT_PASSWORD), export and import go through that
 * running server's API, as its web app would: the server may run meanwhile, whatever its store.
 * Without it, the metadata store is opened directly: DATABASE_URL, else PGlite in
 * DATAETAT_DATA_DIR (./data) — then, with PGlite, the server must be stopped (one process at a
 * time: the store refuses a second one and says so).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../../server/src/catalogue/index.ts';
import { ApiSession } from '../../server/src/cli/api-session.ts';
import { loadSettings } from '../../server/src/config.ts';
import { DashboardRepository } from '../../server/src/dashboards/repository.ts';
import { DashboardService } from '../../server/src/dashboards/service.ts';
import { openMetadataStore } from '../../server/src/metadata/store.ts';
import { UserRepository } from '../../server/src/users/repository.ts';
import { formatReport, validateReferenceDashboards } from './validate.ts';

const USAGE = [
  'Usage :',
  '  pnpm dashboards export <id> > fichier.json',
  '  pnpm dashboards import fichier.json [--owner adresse@exemple.fr]',
  '  pnpm dashboards validate [dossier]',
].join('\n');

class CliError extends Error {}

/** Paths are relative to where the command was typed (pnpm runs scripts from the root). */
function userPath(file: string): string {
  // Where the command was typed: the root script passes it on (the nested `pnpm exec` resets INIT_CWD).
  return path.resolve(process.env.DATAETAT_TYPED_CWD || process.env.INIT_CWD || process.cwd(), file);
}

async function withStore<T>(
  work: (db: Awaited<ReturnType<typeof openMetadataStore>>) => Promise<T>,
): Promise<T> {
  const settings = loadSettings(process.env);
  const store = await openMetadataStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}

interface StoredDashboard {
  readonly id: string;
  readonly title: string;
  readonly definition: unknown;
  readonly owner: { readonly name: string };
}

/** A session on the server at DATAETAT_URL, or null to work on the metadata store directly. */
async function serverSession(): Promise<ApiSession | null> {
  const url = process.env.DATAETAT_URL;
  if (!url) return null;
  const user = process.env.DATAETAT_USER;
  const password = process.env.DATAETAT_PASSWORD;
  if (!user || !password) {
    throw new CliError(
      `Par le serveur ${url} : indiquez le compte dans DATAETAT_USER et son mot de passe dans DATAETAT_PASSWORD.`,
    );
  }
  const session = new ApiSession(url);
  await session.login(user, password);
  return session;
}

async function exportDashboard(id: string | undefined): Promise<void> {
  if (!id) throw new CliError(`Indiquez l’identifiant du tableau de bord à exporter.\n${USAGE}`);
  const api = await serverSession();
  const record = api
    ? await api.json<StoredDashboard>('GET', `/api/dashboards/${encodeURIComponent(id)}`)
    : await withStore((store) => new DashboardRepository(store.db).byId(id));
  if (!record) throw new CliError(`Le tableau de bord « ${id} » n’existe pas dans la base de métadonnées.`);
  process.stdout.write(`${JSON.stringify(record.definition, null, 2)}\n`);
}

async function importDashboard(file: string | undefined, owner: string | undefined): Promise<void> {
  if (!file) throw new CliError(`Indiquez le fichier JSON à importer.\n${USAGE}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(userPath(file), 'utf8'));
  } catch (error) {
    throw new CliError(`${file} : fichier illisible ou JSON invalide (${(error as Error).message}).`);
  }
  const definition = json as { title?: unknown; description?: unknown };
  const title = typeof definition.title === 'string' ? definition.title : path.basename(file, '.json');
  const description = typeof definition.description === 'string' ? definition.description : '';
  const api = await serverSession();
  if (api && owner) {
    throw new CliError(
      '--owner ne s’applique qu’au magasin de métadonnées : par le serveur, le tableau de bord appartient au compte DATAETAT_USER.',
    );
  }
  const created: StoredDashboard = api
    ? await api.json<StoredDashboard>('POST', '/api/dashboards', { title, description, definition: json })
    : await importIntoStore(json, title, description, owner);
  process.stdout.write(
    `Tableau de bord importé : ${created.id} (« ${created.title} », propriétaire ${created.owner.name}).\n`,
  );
}

function importIntoStore(
  json: unknown,
  title: string,
  description: string,
  owner: string | undefined,
): Promise<StoredDashboard> {
  return withStore(async (store) => {
    const users = new UserRepository(store.db);
    const user = owner
      ? await users.byEmail(owner)
      : (await users.list())
          .filter((u) => u.role === 'admin' && u.status === 'active')
          .sort((a, b) => a.id - b.id)[0];
    if (!user) {
      throw new CliError(
        owner
          ? `Aucun compte ne porte l’adresse « ${owner} ».`
          : 'Aucun administrateur actif : indiquez le propriétaire avec --owner adresse@exemple.fr.',
      );
    }
    const service = new DashboardService(new DashboardRepository(store.db), catalogue);
    return service.create(
      { id: user.id, name: user.name, role: user.role },
      { title, description, definition: json },
    );
  });
}

function validate(dir: string | undefined): void {
  const report = validateReferenceDashboards(dir ? userPath(dir) : undefined);
  process.stdout.write(`${formatReport(report)}\n`);
  if (report.problems.length > 0) process.exitCode = 1;
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  const ownerAt = rest.indexOf('--owner');
  const owner = ownerAt >= 0 ? rest[ownerAt + 1] : undefined;
  const positional = rest.filter((_, i) => ownerAt < 0 || (i !== ownerAt && i !== ownerAt + 1));
  switch (command) {
    case 'export':
      return exportDashboard(positional[0]);
    case 'import':
      return importDashboard(positional[0], owner);
    case 'validate':
      return validate(positional[0]);
    default:
      throw new CliError(command ? `Commande « ${command} » inconnue.\n${USAGE}` : USAGE);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Validation errors (DASHBOARD_INVALID) and CLI errors are for the user; anything else too,
  // but with its stack, since it is a bug.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${error instanceof CliError || isUserError(error) ? message : String((error as Error).stack ?? message)}\n`,
  );
  process.exitCode = 1;
});

function isUserError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    Number((error as { status: unknown }).status) < 500
  );
}
