/**
 * Dashboards as code, from the command line (run from the repository root):
 *   pnpm dashboards export <id> > fichier.json   the definition of a stored dashboard
 *   pnpm dashboards import fichier.json [--owner adresse@exemple.fr]
 *   pnpm dashboards validate [dossier]           the CI check of dashboards/*.json
 * The metadata store is the server's: DATABASE_URL, else PGlite in DATAETAT_DATA_DIR (./data).
 * With PGlite, stop the server first: an embedded database has one user at a time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../../server/src/catalogue/index.ts';
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

async function exportDashboard(id: string | undefined): Promise<void> {
  if (!id) throw new CliError(`Indiquez l’identifiant du tableau de bord à exporter.\n${USAGE}`);
  const record = await withStore((store) => new DashboardRepository(store.db).byId(id));
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
  const created = await withStore(async (store) => {
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
    const definition = json as { title?: unknown; description?: unknown };
    return service.create(
      { id: user.id, name: user.name, role: user.role },
      {
        title: typeof definition.title === 'string' ? definition.title : path.basename(file, '.json'),
        description: typeof definition.description === 'string' ? definition.description : '',
        definition: json,
      },
    );
  });
  process.stdout.write(
    `Tableau de bord importé : ${created.id} (« ${created.title} », propriétaire ${created.owner.name}).\n`,
  );
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
