/**
 * `pnpm run import <fichier> [--dry-run] [--mode tout-ou-rien|ignorer] [--region NN] [--dataset ID]`
 * (root package.json; `pnpm import` alone is pnpm's own lockfile command). Talks to a running
 * server: DATAETAT_URL, DATAETAT_USER, DATAETAT_PASSWORD. See run.ts.
 */
import { runImportCli } from './run.ts';

process.exitCode = await runImportCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // Where the command was typed: the root script passes it on, as the nested `pnpm exec` resets INIT_CWD.
  cwd: process.env.DATAETAT_TYPED_CWD || process.env.INIT_CWD || process.cwd(),
  env: process.env,
});
