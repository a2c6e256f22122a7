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
import { runDashboardsCli } from './run.ts';

runDashboardsCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
