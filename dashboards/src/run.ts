/**
 * The dashboards command (`pnpm dashboards …`, see cli.ts): what it does, apart from the process
 * it runs in. Settings come from `io.env`, answers go to `io.stdout` / `io.stderr`, and the exit
 * code is returned: cli.ts passes the process's, the tests their own (no process start each).
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

/** Where the command reads its settings and writes its answers. */
export interface CliIo {
  /** DATAETAT_URL, DATABASE_URL, DATAETAT_DATA_DIR… and where the command was typed. */
  readonly env: NodeJS.ProcessEnv;
  /** The working directory, when the environment does not say where the command was typed. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Paths are relative to where the command was typed (pnpm runs scripts from the root). */
function userPath(io: CliIo, file: string): string {
  // Where the command was typed: the root script passes it on (the nested `pnpm exec` resets INIT_CWD).
  return path.resolve(io.env.DATAETAT_TYPED_CWD || io.env.INIT_CWD || io.cwd, file);
}

async function withStore<T>(
  io: CliIo,
  work: (db: Awaited<ReturnType<typeof openMetadataStore>>) => Promise<T>,
): Promise<T> {
  const settings = loadSettings(io.env);
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
async function serverSession(io: CliIo): Promise<ApiSession | null> {
  const url = io.env.DATAETAT_URL;
  if (!url) return null;
  const user = io.env.DATAETAT_USER;
  const password = io.env.DATAETAT_PASSWORD;
  if (!user || !password) {
    throw new CliError(
      `Par le serveur ${url} : indiquez le compte dans DATAETAT_USER et son mot de passe dans DATAETAT_PASSWORD.`,
    );
  }
  const session = new ApiSession(url);
  await session.login(user, password);
  return session;
}

async function exportDashboard(io: CliIo, id: string | undefined): Promise<void> {
  if (!id) throw new CliError(`Indiquez l’identifiant du tableau de bord à exporter.\n${USAGE}`);
  const api = await serverSession(io);
  const record = api
    ? await api.json<StoredDashboard>('GET', `/api/dashboards/${encodeURIComponent(id)}`)
    : await withStore(io, (store) => new DashboardRepository(store.db).byId(id));
  if (!record) throw new CliError(`Le tableau de bord « ${id} » n’existe pas dans la base de métadonnées.`);
  io.stdout(`${JSON.stringify(record.definition, null, 2)}\n`);
}

async function importDashboard(
  io: CliIo,
  file: string | undefined,
  owner: string | undefined,
): Promise<void> {
  if (!file) throw new CliError(`Indiquez le fichier JSON à importer.\n${USAGE}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(userPath(io, file), 'utf8'));
  } catch (error) {
    throw new CliError(`${file} : fichier illisible ou JSON invalide (${(error as Error).message}).`);
  }
  const definition = json as { title?: unknown; description?: unknown };
  const title = typeof definition.title === 'string' ? definition.title : path.basename(file, '.json');
  const description = typeof definition.description === 'string' ? definition.description : '';
  const api = await serverSession(io);
  if (api && owner) {
    throw new CliError(
      '--owner ne s’applique qu’au magasin de métadonnées : par le serveur, le tableau de bord appartient au compte DATAETAT_USER.',
    );
  }
  const created: StoredDashboard = api
    ? await api.json<StoredDashboard>('POST', '/api/dashboards', { title, description, definition: json })
    : await importIntoStore(io, json, title, description, owner);
  io.stdout(
    `Tableau de bord importé : ${created.id} (« ${created.title} », propriétaire ${created.owner.name}).\n`,
  );
}

function importIntoStore(
  io: CliIo,
  json: unknown,
  title: string,
  description: string,
  owner: string | undefined,
): Promise<StoredDashboard> {
  return withStore(io, async (store) => {
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

/** Returns the exit code: 1 when a dashboard has problems. */
function validate(io: CliIo, dir: string | undefined): number {
  const report = validateReferenceDashboards(dir ? userPath(io, dir) : undefined);
  io.stdout(`${formatReport(report)}\n`);
  return report.problems.length > 0 ? 1 : 0;
}

async function dispatch(io: CliIo, argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const ownerAt = rest.indexOf('--owner');
  const owner = ownerAt >= 0 ? rest[ownerAt + 1] : undefined;
  const positional = rest.filter((_, i) => ownerAt < 0 || (i !== ownerAt && i !== ownerAt + 1));
  switch (command) {
    case 'export':
      await exportDashboard(io, positional[0]);
      return 0;
    case 'import':
      await importDashboard(io, positional[0], owner);
      return 0;
    case 'validate':
      return validate(io, positional[0]);
    default:
      throw new CliError(command ? `Commande « ${command} » inconnue.\n${USAGE}` : USAGE);
  }
}

/** Runs `pnpm dashboards <argv>`; returns the exit code (0 on success). */
export async function runDashboardsCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(io, argv);
  } catch (error) {
    // Validation errors (DASHBOARD_INVALID) and CLI errors are for the user; anything else too,
    // but with its stack, since it is a bug.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${error instanceof CliError || isUserError(error) ? message : String((error as Error).stack ?? message)}\n`,
    );
    return 1;
  }
}

function isUserError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    Number((error as { status: unknown }).status) < 500
  );
}
