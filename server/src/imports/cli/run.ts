import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatInteger,
  formatYears,
  IMPORT_ENCODING_LABELS,
  IMPORT_MODE_LABELS,
  type ImportJob,
  type ImportJobAnswer,
} from '@dataetat/widgets';
import { ImportApiError, ImportClient, type ImportModeChoice } from './client.ts';

export const USAGE = [
  'Usage : pnpm run import <fichier> [options]',
  '  --dry-run                        analyse seulement : format, compteurs, problèmes ; rien n’est importé',
  '  --mode tout-ou-rien|ignorer      lignes invalides : tout refuser (défaut) ou les ignorer',
  '  --region NN                      région couverte par un rapport régional (INF-BUD-53), ex. 53',
  '  --dataset ID                     jeu de données attendu (chorus_lignes) : refusé si le fichier en vise un autre',
  '  --url URL                        serveur Data-État (défaut : DATAETAT_URL, sinon http://127.0.0.1:3000)',
  '  --user ADRESSE                   compte administrateur (défaut : DATAETAT_USER)',
  'Le mot de passe est lu dans DATAETAT_PASSWORD (jamais en argument : il serait visible des autres processus).',
].join('\n');

const MODES: Record<string, ImportModeChoice> = {
  'tout-ou-rien': 'tout_ou_rien',
  ignorer: 'ignorer_invalides',
};
/** How often a job the server works on is asked again. */
const POLL_MS = 300;
const PROBLEMS_PRINTED = 10;
const WORKING = new Set(['analysing', 'queued', 'running']);

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Where relative paths start (pnpm runs scripts from the repository root: INIT_CWD). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly pollMs?: number;
}

class UsageError extends Error {}

interface Options {
  readonly file: string;
  readonly dryRun: boolean;
  readonly mode: ImportModeChoice;
  readonly region: string | undefined;
  readonly dataset: string | undefined;
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

function options(argv: readonly string[], io: CliIo): Options {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        mode: { type: 'string', default: 'tout-ou-rien' },
        region: { type: 'string' },
        dataset: { type: 'string' },
        url: { type: 'string' },
        user: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('');
  if (positionals.length !== 1) throw new UsageError('Indiquez un seul fichier à importer.');
  const file = path.resolve(io.cwd, positionals[0] ?? '');
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`Fichier introuvable : ${file}`);
  const mode = MODES[values.mode ?? ''];
  if (!mode) throw new UsageError(`--mode ${values.mode} : attendu tout-ou-rien ou ignorer.`);
  if (values.region !== undefined && !/^\d{2}$/.test(values.region)) {
    throw new UsageError(`--region ${values.region} : attendu un code de région à deux chiffres (ex. 53).`);
  }
  const url = values.url ?? io.env.DATAETAT_URL ?? 'http://127.0.0.1:3000';
  try {
    new URL(url);
  } catch {
    throw new UsageError(`Adresse du serveur invalide : ${url}`);
  }
  const user = values.user ?? io.env.DATAETAT_USER;
  const password = io.env.DATAETAT_PASSWORD;
  if (!user) throw new UsageError('Compte administrateur manquant : DATAETAT_USER ou --user.');
  if (!password) throw new UsageError('Mot de passe manquant : DATAETAT_PASSWORD.');
  return {
    file,
    dryRun: values['dry-run'] ?? false,
    mode,
    region: values.region,
    dataset: values.dataset,
    url,
    user,
    password,
  };
}

const count = (n: number) => formatInteger(n);

function describeFormat(job: ImportJob): string[] {
  const lines = [`Import n° ${job.id} — ${job.fileName} (${count(job.size)} octets)`];
  const encoding = job.encoding ? IMPORT_ENCODING_LABELS[job.encoding] : 'inconnu';
  lines.push(`Format reconnu : ${job.layout?.label ?? 'inconnu'} ; encodage ${encoding}`);
  return lines;
}

function describeAnalysis(answer: ImportJobAnswer, client: ImportClient): string[] {
  const { job, problems } = answer;
  const c = job.counters;
  const lines = [
    `Lignes lues : ${count(c.linesRead)} ; valides : ${count(c.linesValid)} ; rejetées : ${count(c.linesRejected)}`,
  ];
  if (job.contents.length > 0) {
    // A referential: what it holds, no years nor régions.
    lines.push(`Contenu : ${job.contents.map((c) => `${c.label} : ${count(c.count)}`).join(' ; ')}`);
  } else {
    const years = job.yearsFound.length > 0 ? formatYears(job.yearsFound) : 'aucune';
    const regions = job.layout?.carriesRegion
      ? job.regionsFound.map((r) => (r.label ? `${r.label} (${r.code})` : r.code)).join(', ') || 'aucune'
      : 'à indiquer (rapport régional : --region)';
    lines.push(`Années : ${years} ; régions : ${regions}`);
  }
  if (problems.length > 0) {
    lines.push('Premiers problèmes :');
    for (const p of problems.slice(0, PROBLEMS_PRINTED)) {
      lines.push(`  ligne ${p.line}, colonne « ${p.column} », valeur « ${p.value} » : ${p.reason}`);
    }
    lines.push(`Rapport complet (${count(c.problemsTotal)} problème(s)) : ${client.reportUrl(answer)}`);
  }
  return lines;
}

function describeOutcome(answer: ImportJobAnswer, client: ImportClient): string[] {
  const { job } = answer;
  const lines = [`${job.statusLabel}${job.message ? ` : ${job.message}` : '.'}`];
  if (job.status === 'succeeded') {
    lines.push(`${count(job.counters.linesValid)} ligne(s) valide(s) importée(s).`);
    for (const s of job.slices) {
      const where = s.regionLabel ?? (s.region ? `région ${s.region}` : 'toutes régions');
      lines.push(`  ${s.year}, ${where} : ${count(s.lines)} ligne(s) ${s.kind.toUpperCase()} remplacée(s)`);
    }
    if (job.datasetLines !== null) lines.push(`Le jeu de données compte ${count(job.datasetLines)} lignes.`);
  }
  if (job.counters.problemsTotal > 0) lines.push(`Rapport des problèmes : ${client.reportUrl(answer)}`);
  return lines;
}

/** Asks again until the server stops working on the job, telling each phase and its progress. */
async function follow(client: ImportClient, start: ImportJobAnswer, io: CliIo): Promise<ImportJobAnswer> {
  let answer = start;
  let told = '';
  while (WORKING.has(answer.job.status)) {
    const step = `${answer.job.phaseLabel}… ${Math.floor(answer.job.progress * 4) * 25} %`;
    if (step !== told) io.err(step);
    told = step;
    await new Promise((resolve) => setTimeout(resolve, io.pollMs ?? POLL_MS));
    answer = await client.job(answer.job.id);
  }
  return answer;
}

/**
 * `pnpm run import <fichier>`: deposits the file through the running server's API, prints what
 * it recognised, the counts and first problems; with --dry-run stops there (the job is
 * abandoned), otherwise confirms and follows it to the end. Exit code: 0 imported (or already
 * in place), 1 refused or failed, 2 wrong usage.
 */
export async function runImportCli(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: Options;
  try {
    opts = options(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.err(error.message);
    io.err(USAGE);
    return 2;
  }
  const client = new ImportClient(opts.url);
  let jobId: number | null = null;
  try {
    await client.login(opts.user, opts.password);
    const deposited = await client.upload(opts.file);
    jobId = deposited.job.id;
    for (const line of describeFormat(deposited.job)) io.out(line);
    if (opts.dataset && deposited.job.dataset !== opts.dataset) {
      await client.cancel(jobId);
      io.err(
        `Ce fichier alimente le jeu de données « ${deposited.job.dataset} », pas « ${opts.dataset} » : import n° ${jobId} abandonné, rien n’a été importé.`,
      );
      return 1;
    }
    const analysed = await follow(client, deposited, io);
    for (const line of describeAnalysis(analysed, client)) io.out(line);
    if (analysed.job.status !== 'awaiting_confirmation') {
      for (const line of describeOutcome(analysed, client)) io.err(line);
      return 1;
    }
    if (opts.dryRun) {
      await client.cancel(jobId);
      io.out(`Essai à blanc (--dry-run) : import n° ${jobId} abandonné, rien n’a été importé.`);
      return 0;
    }
    const confirmed = await client.confirm(jobId, {
      mode: opts.mode,
      ...(opts.region && { region: opts.region }),
    });
    io.out(
      `Confirmé : mode « ${IMPORT_MODE_LABELS[opts.mode]} »${confirmed.job.region ? `, région ${confirmed.job.regionLabel ?? ''} (${confirmed.job.region})` : ''}.`,
    );
    const done = await follow(client, confirmed, io);
    const ok = done.job.status === 'succeeded' || done.job.status === 'unchanged';
    for (const line of describeOutcome(done, client)) (ok ? io.out : io.err)(line);
    return ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ImportApiError)) throw error;
    io.err(error.message);
    // Not confirmed (région missing or refused…): abandoned, so no import is left waiting.
    if (jobId !== null) {
      const left = await client.job(jobId).catch(() => null);
      if (left?.job.status === 'awaiting_confirmation' || left?.job.status === 'analysing') {
        await client.cancel(jobId).catch(() => undefined);
        io.err(`Import n° ${jobId} abandonné : rien n’a été importé.`);
      }
    }
    return 1;
  }
}
