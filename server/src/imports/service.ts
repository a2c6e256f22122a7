import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditEntry, AuditLog } from '../audit/repository.ts';
import { CHORUS_IMPORT_TABLE, CHORUS_TABLE } from '../chorus/tables.ts';
import type { Settings } from '../config.ts';
import { AppError } from '../errors.ts';
import { qpvLabel, quartierLabel, readQpvs } from '../geo/qpv.ts';
import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { ImportJobRow, ImportMode, ImportSlice, UserRow } from '../metadata/schema.ts';
import type { DataVersions } from '../query/data-versions.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { type Programme, readProgrammes } from '../seed/programmes.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { applyChorusImport, dropJobTables } from './chorus/apply.ts';
import { ChorusPlacer } from './chorus/placement.ts';
import { ImportRefusedError, type ReadItem } from './chorus/records.ts';
import { type StageCounters, stageChorusLines } from './chorus/stage.ts';
import { FileCoverage } from './coverage.ts';
import { applyGrantImport } from './grants/apply.ts';
import { GrantPlacer } from './grants/place.ts';
import type { GrantDataset, GrantItem } from './grants/records.ts';
import { GRANT_TABLE_OF, grantStagedTable, stageGrantLines } from './grants/stage.ts';
import {
  type ImportJobChanges,
  type ImportJobRepository,
  type NewProblem,
  WORKING_STATUSES,
} from './jobs.ts';
import { type OpenedImport, type ReadImportFile, readImportFile } from './read-file.ts';
import { applyReferenceImport } from './reference/apply.ts';
import { withQuartierNames } from './reference/read-qpv-lieu-action.ts';
import {
  isReferenceDataset,
  RECOMPOSES_CHORUS,
  REFERENCE_CONTENT_LABELS,
  REFERENCE_DATASETS,
  type ReferenceDataset,
  type ReferenceItem,
} from './reference/records.ts';
import { REFERENCE_TABLE_OF, referenceStagedTable, stageReferenceEntries } from './reference/stage.ts';

/**
 * Import jobs (issue 11): Chorus → `chorus_lignes`; SCDL « subventions » → `subventions_operateurs`;
 * France 2030 winners → `france_2030_laureats`; the Chorus referentials (« Calculette »,
 * centres de coûts, localisations interministérielles, lieux d'action en quartier prioritaire)
 * → their warehouse tables (chorus/referentials.ts). The content says which (read-file.ts): one job type, one history,
 * the dataset recorded on the job.
 *
 * receive (upload, streamed to a file, size bounded while it arrives) → the content is identified
 * (refused as a whole with a French reason, or a job « analysing ») → every line is read, checked
 * and staged in the background (`analysing` → `awaiting_confirmation`, counters and problems
 * known) → confirm (mode, région) → `queued` → `running` (placement, one swap) → `succeeded`.
 * Jobs apply one at a time. Nothing of the dataset changes before the swap, which is atomic;
 * a job a dead process left working is failed at the next start (or found done, when the swap
 * had committed). A file already imported whose data is still in place changes nothing.
 */

export const INTERRUPTED_IMPORT_ERROR =
  'Import interrompu : le serveur s’est arrêté pendant l’import (arrêt brutal, panne). Les données précédentes sont intactes ; déposez le fichier à nouveau.';

/** Lines shown before confirming. */
export const PREVIEW_LINES = 10;

export interface ImportActor {
  readonly id: number;
  readonly email: string;
  readonly scope: string;
  readonly ip?: string | null;
}

export interface ImportServiceDeps {
  readonly warehouse: Warehouse;
  readonly jobs: ImportJobRepository;
  readonly loads: DataLoadRepository;
  readonly versions: DataVersions;
  readonly audit: AuditLog;
  readonly settings: Pick<Settings, 'importDir' | 'importMaxMb' | 'seedDir'>;
  readonly log: FastifyBaseLogger;
  /** The file reader (injected in tests). */
  readonly read?: ReadImportFile;
  /**
   * Which process this is, and (shared PostgreSQL) whether another one still runs, so a start
   * or a sweep fails only the jobs of dead processes; and the store-wide lock that makes one
   * instance at a time write the warehouse. Defaults: a lone process.
   */
  readonly instance?: ImportInstance;
  /**
   * Called after an import changed a dataset, before the new versions are read: what is built
   * from several datasets (`financements_publics`) follows.
   */
  readonly afterDataChange?: () => Promise<unknown>;
}

export interface ImportInstance {
  readonly id: string;
  readonly isAlive?: (id: string) => Promise<boolean>;
  readonly exclusive?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * The store-wide lock every writer of the warehouse takes (seed loads, import swaps): with
 * several instances on one PostgreSQL, one writes at a time and the others wait their turn.
 */
export const WAREHOUSE_WRITE_LOCK = 'ecriture-entrepot';

/** The process working on a job (recorded in its `result`), absent on jobs of older versions. */
const ownerOf = (job: ImportJobRow): string | null =>
  typeof job.result.instance === 'string' ? job.result.instance : null;

/** Counts and hashes the bytes passing through. */
class Fingerprint extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

const isGrantDataset = (dataset: string): dataset is GrantDataset => dataset in GRANT_TABLE_OF;

type AnyItem = ReadItem | GrantItem | ReferenceItem;

function previewLine(item: AnyItem): Record<string, unknown> | null {
  if (item.kind !== 'line') return null;
  if ('content' in item.value) {
    const e = item.value;
    return {
      line: e.line,
      kind: 'reference',
      referentiel: REFERENCE_CONTENT_LABELS[e.content],
      code: e.code,
      label: e.label,
      detail: e.detail,
    };
  }
  if ('dataset' in item.value) {
    const g = item.value;
    const scdl = g.dataset === 'subventions_operateurs';
    return {
      line: g.line,
      kind: 'subvention',
      date: scdl ? g.dateConvention : g.dateDecision,
      attribuant: scdl ? g.attribuantNom : g.operateur,
      objet: scdl ? g.objet : g.projet,
      beneficiaire: g.beneficiaireNom,
      siret: g.beneficiaireSiret,
      montant: (scdl ? g.montantCents : g.aideCents) / 100,
    };
  }
  const l = item.value;
  return {
    line: l.line,
    kind: l.kind,
    ej: l.ej,
    posteEj: l.posteEj,
    dp: l.kind === 'cp' ? l.dp : null,
    date: l.kind === 'ae' ? l.dateEngagement : l.datePaiement,
    programme: l.programme,
    centreCouts: l.centreCouts,
    localisation: l.localisationInterministerielle,
    beneficiaire: l.fournisseurLabel,
    siret: l.siret,
    montant: l.montantCents / 100,
    region: l.region,
  };
}

/**
 * The items read for the preview, then the rest: one promise per item (an async generator here
 * cost two more ticks per line of the file). Stopping it early releases the reader.
 */
class Concat<T> implements AsyncIterableIterator<T> {
  private index = 0;

  constructor(
    private readonly head: readonly T[],
    private readonly rest: AsyncIterator<T>,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.index < this.head.length) {
      return Promise.resolve({ value: this.head[this.index++] as T, done: false });
    }
    return this.rest.next();
  }

  async return(): Promise<IteratorResult<T>> {
    this.index = this.head.length;
    await this.rest.return?.();
    return { value: undefined, done: true };
  }
}

const frenchCount = (n: number) => n.toLocaleString('fr-FR');

export class ImportService {
  readonly jobs: ImportJobRepository;
  private readonly read: ReadImportFile;
  /** Analyses under way in this process, to stop them on close. */
  private readonly analyses = new Map<number, AbortController>();
  /** Jobs apply one after the other. */
  private queue: Promise<void> = Promise.resolve();
  private reference: Promise<{ geo: GeoReference; programmes: Programme[] }> | null = null;
  private closed = false;
  private readonly instance: ImportInstance;

  constructor(private readonly deps: ImportServiceDeps) {
    this.jobs = deps.jobs;
    this.read = deps.read ?? readImportFile;
    this.instance = deps.instance ?? { id: randomUUID() };
  }

  /**
   * Whether the process that worked on a job is gone: a job of this process never is; another
   * process's is when the shared store says it no longer runs, or always on an embedded store
   * (one process at a time: the other was this one's predecessor).
   */
  private async orphaned(job: ImportJobRow): Promise<boolean> {
    const owner = ownerOf(job);
    if (owner === this.instance.id) return false;
    if (owner === null || !this.instance.isAlive) return true;
    return !(await this.instance.isAlive(owner));
  }

  /**
   * At start, before any job of this process, and from time to time with several instances: a
   * job left `analysing`, `queued` or `running` by a process that died is failed — unless its
   * swap had committed (its lines are in the warehouse), then it is recorded as done. Staging
   * tables of jobs that will never apply go. Jobs of live instances are theirs to finish.
   */
  async recover(): Promise<void> {
    const left: ImportJobRow[] = [];
    for (const job of await this.jobs.withStatus(WORKING_STATUSES)) {
      if (await this.orphaned(job)) left.push(job);
    }
    if (left.length === 0) return;
    const { rows } = await this.deps.warehouse.query(
      (await this.deps.warehouse.tableExists(CHORUS_IMPORT_TABLE))
        ? `SELECT DISTINCT import_id FROM ${CHORUS_IMPORT_TABLE}`
        : 'SELECT 0 WHERE false',
    );
    const swapped = new Set(rows.map((r) => Number(r[0])));
    let recovered = false;
    for (const job of left) {
      await this.dropWorkTables(job.id);
      if (job.status === 'running' && (swapped.has(job.id) || (await this.grantSwapped(job)))) {
        const load = await this.recordLoad(job, {
          datasetLines: await this.countLines(job.dataset),
          slices: job.slices,
        });
        if (RECOMPOSES_CHORUS.has(job.dataset as ReferenceDataset)) {
          // `chorus_lignes` was recomposed with it (labels, quartiers): that version moves too.
          await this.recordLoad(
            { ...job, dataset: CHORUS_TABLE },
            { datasetLines: await this.countLines(CHORUS_TABLE), slices: [] },
          );
        }
        await this.jobs.update(job.id, {
          status: 'succeeded',
          phase: 'termine',
          progress: 1,
          finishedAt: new Date(),
          result: { ...job.result, dataLoadId: load.id, recoveredAtStart: true },
        });
        this.deps.log.warn({ job: job.id }, 'import terminé avant un arrêt brutal : enregistré au démarrage');
        recovered = true;
        continue;
      }
      await this.jobs.update(job.id, {
        status: 'failed',
        error: INTERRUPTED_IMPORT_ERROR,
        finishedAt: new Date(),
      });
      await this.audit(job, 'import_finished', 'failure', { error: INTERRUPTED_IMPORT_ERROR });
      this.deps.log.warn(
        { job: job.id, status: job.status },
        'import interrompu par un arrêt du serveur : marqué en échec',
      );
    }
    // What is built from the recovered data (financements_publics) is a warehouse write too:
    // under the write lock, after this process's own imports, as an import's rebuild is.
    const { afterDataChange } = this.deps;
    if (recovered && afterDataChange) await this.writeWarehouse(afterDataChange);
    await this.deps.versions.refresh();
  }

  /**
   * Takes an uploaded file: stored under `importDir` as it arrives (never whole in memory,
   * refused past `importMaxMb`), identified from its content, then analysed in the background.
   * A file refused as a whole gives a `refused` job and throws IMPORT_REFUSED (422).
   */
  async receive(upload: {
    readonly fileName: string;
    readonly file: Readable & { truncated?: boolean };
    readonly actor: ImportActor;
  }): Promise<ImportJobRow> {
    const { settings } = this.deps;
    await mkdir(settings.importDir, { recursive: true });
    const stored = path.join(settings.importDir, `depot-${randomUUID()}.tmp`);
    const fingerprint = new Fingerprint();
    try {
      await pipeline(upload.file, fingerprint, createWriteStream(stored));
      if (upload.file.truncated) throw new AppError('IMPORT_TOO_LARGE', { maxMb: settings.importMaxMb });
    } catch (error) {
      await rm(stored, { force: true });
      // @fastify/multipart reports the limit as an error of the stream.
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError('IMPORT_TOO_LARGE', { maxMb: settings.importMaxMb });
      }
      throw error;
    }
    const base = {
      dataset: CHORUS_TABLE,
      fileName: upload.fileName.slice(0, 255),
      size: fingerprint.bytes,
      sha256: fingerprint.hash.digest('hex'),
      authorId: upload.actor.id,
      authorEmail: upload.actor.email,
    };
    let bytesRead = 0;
    const source = createReadStream(stored, { highWaterMark: 256 * 1024 });
    source.on('data', (chunk) => {
      bytesRead += chunk.length;
    });
    let opened: OpenedImport;
    try {
      opened = await this.read(source);
    } catch (error) {
      source.destroy();
      await rm(stored, { force: true });
      if (!(error instanceof ImportRefusedError)) throw error;
      const job = await this.jobs.create({
        ...base,
        status: 'refused',
        phase: 'termine',
        error: error.message,
        finishedAt: new Date(),
      });
      await this.audit(
        job,
        'import_received',
        'failure',
        { refused: error.code, error: error.message },
        upload.actor,
      );
      throw new AppError('IMPORT_REFUSED', { reason: error.message }, { jobId: job.id, refusal: error.code });
    }
    const { layout } = opened;
    // The quartiers a `qpv_lieu_action` file names get the names the boundary file gives them.
    const openedItems: AsyncIterable<AnyItem> =
      opened.family === 'reference' && opened.layout.dataset === REFERENCE_DATASETS['qpv-lieu-action']
        ? withQuartierNames(opened.items, await this.quartierLabels())
        : opened.items;
    const iterator: AsyncIterator<AnyItem> = openedItems[Symbol.asyncIterator]();
    const head: AnyItem[] = [];
    const preview: Record<string, unknown>[] = [];
    // Read just enough for the preview: the rest streams in the background.
    try {
      while (preview.length < PREVIEW_LINES) {
        const next = await iterator.next();
        if (next.done) break;
        head.push(next.value);
        const line = previewLine(next.value);
        if (line) preview.push(line);
        if (head.length > PREVIEW_LINES * 50) break;
      }
    } catch (error) {
      source.destroy();
      await rm(stored, { force: true });
      if (!(error instanceof ImportRefusedError)) throw error;
      const job = await this.jobs.create({
        ...base,
        status: 'refused',
        phase: 'termine',
        error: error.message,
        finishedAt: new Date(),
      });
      await this.audit(
        job,
        'import_received',
        'failure',
        { refused: error.code, error: error.message },
        upload.actor,
      );
      throw new AppError('IMPORT_REFUSED', { reason: error.message }, { jobId: job.id, refusal: error.code });
    }
    const job = await this.jobs.create({
      ...base,
      // Grant lines carry their own place (beneficiary, file's territory), a referential is
      // national: no région to name.
      ...(opened.family === 'chorus'
        ? { carriesRegion: opened.layout.carriesRegion }
        : { dataset: opened.layout.dataset, carriesRegion: true }),
      status: 'analysing',
      phase: 'lecture',
      layout: layout.id,
      layoutLabel: layout.label,
      preview,
      result: { encoding: layout.encoding, instance: this.instance.id },
    });
    await this.audit(job, 'import_received', 'success', { layout: layout.id, size: job.size }, upload.actor);
    const abort = new AbortController();
    this.analyses.set(job.id, abort);
    const size = Math.max(1, job.size);
    const items = new Concat(head, iterator);
    const family = opened.family;
    void this.analyse(job, family, items, () => Math.min(1, bytesRead / size), abort.signal).finally(
      async () => {
        this.analyses.delete(job.id);
        source.destroy();
        await rm(stored, { force: true });
      },
    );
    return job;
  }

  private async analyse(
    job: ImportJobRow,
    family: OpenedImport['family'],
    items: AsyncIterable<AnyItem>,
    progress: () => number,
    signal: AbortSignal,
  ): Promise<void> {
    let counters: StageCounters;
    let contents: { id: string; label: string; count: number }[] | undefined;
    const coverage = new FileCoverage();
    const common = {
      warehouse: this.deps.warehouse,
      jobId: job.id,
      signal,
      onProblems: (problems: NewProblem[]) => this.jobs.addProblems(job.id, problems),
      onProgress: async (c: Readonly<StageCounters>) => {
        await this.jobs.update(job.id, { ...this.counterFields(job, c, coverage), progress: progress() });
      },
    };
    try {
      if (family === 'reference' && isReferenceDataset(job.dataset)) {
        ({ counters, contents } = await stageReferenceEntries({
          warehouse: this.deps.warehouse,
          jobId: job.id,
          dataset: job.dataset,
          signal,
          items: items as AsyncIterable<ReferenceItem>,
          onProblems: common.onProblems,
        }));
      } else if (family === 'grants' && isGrantDataset(job.dataset)) {
        const { geo } = await this.referenceData();
        counters = await stageGrantLines({
          ...common,
          dataset: job.dataset,
          // Each reader yields only its own items: the family says which.
          items: coverage.track(items as AsyncIterable<GrantItem>),
          placer: await GrantPlacer.open(this.deps.warehouse, geo),
          geo,
        });
      } else {
        counters = await stageChorusLines({
          ...common,
          items: items as AsyncIterable<ReadItem>,
          coverage,
        });
      }
    } catch (error) {
      if (this.closed) return; // the next start fails it
      const refused = error instanceof ImportRefusedError;
      const message = refused
        ? error.message
        : `Lecture du fichier impossible : ${error instanceof Error ? error.message : String(error)}.`;
      if (!refused) this.deps.log.error({ err: error, job: job.id }, 'analyse d’import en échec');
      await this.dropWorkTables(job.id);
      const failed = await this.jobs.transition(job.id, ['analysing'], {
        status: refused ? 'refused' : 'failed',
        phase: 'termine',
        error: message,
        finishedAt: new Date(),
      });
      if (failed) await this.audit(failed, 'import_finished', 'failure', { error: message });
      return;
    }
    // Confirmed while it was read: straight to the queue.
    const fields = this.counterFields(job, counters, coverage);
    const analysed = await this.jobs.transition(job.id, ['analysing'], {
      ...fields,
      ...(contents && { result: { ...fields.result, contents } }),
      status: 'awaiting_confirmation',
      phase: 'attente',
      progress: 1,
    });
    if (analysed?.mode) await this.enqueue(analysed);
  }

  private counterFields(job: ImportJobRow, c: StageCounters, coverage: FileCoverage): ImportJobChanges {
    return {
      linesRead: c.linesRead,
      linesValid: c.linesValid,
      linesRejected: c.linesRejected,
      problemsTotal: c.problemsTotal,
      // The encoding noted at reception stays; years and régions grow as lines are read.
      result: { ...job.result, linesZero: c.linesZero, ...coverage.found() },
    };
  }

  /**
   * Confirms a job (analysing or awaiting confirmation) with its mode and région. The same file
   * already imported, its data still in place: `unchanged`, nothing is done.
   */
  async confirm(
    id: number,
    options: { readonly mode?: ImportMode; readonly region?: string },
    actor: ImportActor,
  ): Promise<ImportJobRow> {
    const job = await this.get(id);
    if (job.status !== 'analysing' && job.status !== 'awaiting_confirmation') {
      throw new AppError('IMPORT_NOT_CONFIRMABLE', { id, status: job.status });
    }
    const region = await this.regionFor(job, options.region, actor);
    const mode = options.mode ?? 'tout_ou_rien';
    const confirmed = {
      mode,
      region,
      confirmedById: actor.id,
      confirmedByEmail: actor.email,
      confirmedAt: new Date(),
    };
    const previous = await this.stillInPlace(job, region);
    if (previous) {
      const message = `Ce fichier a déjà été importé (import n° ${previous.id} du ${previous.finishedAt?.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}) et ses données sont en place : rien n’a changé.`;
      const done = await this.jobs.transition(id, ['analysing', 'awaiting_confirmation'], {
        ...confirmed,
        status: 'unchanged',
        phase: 'termine',
        progress: 1,
        error: message,
        finishedAt: new Date(),
        slices: previous.slices,
        result: { ...job.result, previousImportId: previous.id },
      });
      if (!done) throw new AppError('IMPORT_NOT_CONFIRMABLE', { id, status: (await this.get(id)).status });
      this.analyses.get(id)?.abort();
      await this.dropWorkTables(id);
      await this.audit(
        done,
        'import_confirmed',
        'success',
        { mode, region, unchanged: true, previousImportId: previous.id },
        actor,
      );
      return done;
    }
    const next = job.status === 'analysing' ? 'analysing' : 'queued';
    const updated = await this.jobs.transition(id, ['analysing', 'awaiting_confirmation'], {
      ...confirmed,
      status: next,
      phase: next === 'queued' ? 'file' : job.phase,
      // Queued here, applied here: this instance owns it now (a job still being read stays with
      // the instance reading it, which queues it when done).
      ...(next === 'queued' && { result: { ...job.result, instance: this.instance.id } }),
    });
    if (!updated) throw new AppError('IMPORT_NOT_CONFIRMABLE', { id, status: (await this.get(id)).status });
    await this.audit(updated, 'import_confirmed', 'success', { mode, region }, actor);
    // Still being read: the end of the analysis queues it (see `analyse`).
    if (updated.status === 'queued') await this.enqueue(updated);
    return updated;
  }

  /** Abandons a job not yet confirmed: its staged lines are dropped. */
  async cancel(id: number, actor: ImportActor): Promise<ImportJobRow> {
    const job = await this.get(id);
    const done = await this.jobs.transition(id, ['analysing', 'awaiting_confirmation'], {
      status: 'cancelled',
      phase: 'termine',
      error: 'Import abandonné avant confirmation : rien n’a été importé.',
      finishedAt: new Date(),
    });
    if (!done) throw new AppError('IMPORT_NOT_CONFIRMABLE', { id, status: job.status });
    this.analyses.get(id)?.abort();
    await this.dropWorkTables(id);
    await this.audit(done, 'import_finished', 'failure', { cancelled: true }, actor);
    return done;
  }

  /** The French name of a région code (answers and reports). */
  async regionLabel(code: string | null): Promise<string | null> {
    if (!code) return null;
    return (await this.referenceData()).geo.regions.get(code)?.nom ?? null;
  }

  async get(id: number): Promise<ImportJobRow> {
    const job = await this.jobs.get(id);
    if (!job) throw new AppError('IMPORT_NOT_FOUND', { id });
    return job;
  }

  /** Waits until no job is analysing or applying in this process (tests, benchmarks). */
  async idle(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      await queue;
      const working = await this.jobs.withStatus(WORKING_STATUSES);
      if (working.length === 0 && queue === this.queue) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.closed = true;
    for (const abort of this.analyses.values()) abort.abort();
  }

  /** The région a job imports: named (regional reports), checked against the actor's territory. */
  private async regionFor(
    job: ImportJobRow,
    asked: string | undefined,
    actor: ImportActor,
  ): Promise<string | null> {
    const { geo } = await this.referenceData();
    const scoped = actor.scope !== 'NAT';
    if (job.carriesRegion) {
      if (scoped) {
        throw new AppError('IMPORT_REGION_FORBIDDEN', {
          scope: actor.scope,
          what: 'un fichier national couvre toutes les régions',
        });
      }
      return null;
    }
    const region = asked ?? (scoped ? actor.scope : undefined);
    if (!region) throw new AppError('IMPORT_REGION_REQUIRED', { layout: job.layoutLabel ?? '' });
    if (!geo.regions.has(region)) throw new AppError('IMPORT_REGION_UNKNOWN', { region });
    if (scoped && region !== actor.scope) {
      throw new AppError('IMPORT_REGION_FORBIDDEN', {
        scope: actor.scope,
        what: `région ${region} demandée`,
      });
    }
    return region;
  }

  /** The latest successful import of the same file and région whose slices all still hold its lines. */
  private async stillInPlace(job: ImportJobRow, region: string | null): Promise<ImportJobRow | undefined> {
    const candidates = (await this.jobs.succeededWith(job.sha256, job.dataset)).filter(
      (p) => p.id !== job.id && p.region === region,
    );
    const previous = candidates[0];
    if (!previous) return undefined;
    if (isReferenceDataset(job.dataset)) {
      // The referential still holds what that import brought, and only that.
      const table = REFERENCE_TABLE_OF[job.dataset];
      if (!(await this.deps.warehouse.tableExists(table))) return undefined;
      const { rows } = await this.deps.warehouse.query(`SELECT DISTINCT import_id FROM ${table}`);
      return rows.length === 1 && Number(rows[0]?.[0]) === previous.id ? previous : undefined;
    }
    if (isGrantDataset(job.dataset)) {
      // Its lines are still the only ones of the sources it covered.
      const keys = (previous.result.sourceKeys ?? []) as string[];
      if (keys.length === 0) return undefined;
      const { rows } = await this.deps.warehouse.query(
        `SELECT DISTINCT import_id FROM ${GRANT_TABLE_OF[job.dataset].table.name}
         WHERE source_cle IN (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
        keys,
      );
      return rows.length === 1 && Number(rows[0]?.[0]) === previous.id ? previous : undefined;
    }
    for (const slice of previous.slices) {
      const { rows } = await this.deps.warehouse.query(
        `SELECT DISTINCT import_id FROM ${CHORUS_IMPORT_TABLE}
         WHERE kind = $1 AND annee = $2 AND (region = $3 OR (region IS NULL AND $3 IS NULL))`,
        [slice.kind, slice.year, slice.region],
      );
      if (rows.length !== 1 || Number(rows[0]?.[0]) !== previous.id) return undefined;
    }
    return previous;
  }

  private enqueue(job: ImportJobRow): Promise<void> {
    void this.writeWarehouse(() => this.apply(job.id));
    return Promise.resolve();
  }

  /**
   * Runs `work` after this process's earlier warehouse writes, holding the store-wide write lock
   * (other instances wait): every warehouse write of the import service goes through here.
   */
  private writeWarehouse<T>(work: () => Promise<T>): Promise<T> {
    const exclusive: NonNullable<ImportInstance['exclusive']> =
      this.instance.exclusive ?? (<U>(_name: string, locked: () => Promise<U>) => locked());
    const run = this.queue.then(() => exclusive(WAREHOUSE_WRITE_LOCK, work));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async referenceData() {
    this.reference ??= (async () => {
      const seedDir = this.deps.settings.seedDir;
      return { geo: GeoReference.load(), programmes: seedDir ? readProgrammes(seedDir) : [] };
    })();
    return this.reference;
  }

  /** A quartier code's name as the Chorus demo lines and the map give it (« Nom (Commune) »). */
  private async quartierLabels(): Promise<(code: string) => string> {
    const { geo } = await this.referenceData();
    const named = new Map(
      readQpvs(this.deps.settings.seedDir).map((q) => [
        q.code,
        qpvLabel(q.nom, geo.resolveCommune(q.commune)?.nom),
      ]),
    );
    return (code) => quartierLabel(code, named);
  }

  /**
   * What a Chorus import is placed with, read at each import: the imported centres de coûts and
   * localisations referentials (the seed pack's centres file until one is imported).
   */
  private async chorusPlacement() {
    const { geo, programmes } = await this.referenceData();
    const placer = await ChorusPlacer.open(this.deps.settings.seedDir, geo, this.deps.warehouse);
    return { geo, programmes, placer };
  }

  private async apply(id: number): Promise<void> {
    if (this.closed) return;
    const job = await this.jobs.get(id);
    if (!job || (job.status !== 'queued' && job.status !== 'awaiting_confirmation')) return;
    const fail = async (message: string, details: Record<string, unknown> = {}) => {
      await this.dropWorkTables(id);
      const failed = await this.jobs.update(id, {
        status: 'failed',
        phase: 'termine',
        error: message,
        finishedAt: new Date(),
      });
      if (failed) await this.audit(failed, 'import_finished', 'failure', { error: message, ...details });
    };
    if (job.mode === 'tout_ou_rien' && job.linesRejected > 0) {
      return fail(
        `${frenchCount(job.linesRejected)} ligne${job.linesRejected > 1 ? 's' : ''} invalide${job.linesRejected > 1 ? 's' : ''} (voir le rapport) : rien n’a été importé, comme le veut le mode « tout ou rien ». Corrigez le fichier, ou déposez-le à nouveau et choisissez « ignorer les lignes invalides ».`,
        { linesRejected: job.linesRejected },
      );
    }
    const zero = Number(job.result.linesZero ?? 0);
    if (job.linesValid - zero <= 0) {
      return fail(
        isReferenceDataset(job.dataset)
          ? 'Le fichier ne contient aucune entrée valide : rien n’a été importé, le référentiel en place est conservé.'
          : 'Le fichier ne contient aucune ligne valide de montant non nul : rien n’a été importé.',
      );
    }
    const running = await this.jobs.transition(id, ['queued', 'awaiting_confirmation'], {
      status: 'running',
      phase: 'localisation',
      progress: 0,
    });
    if (!running) return;
    const started = new Date();
    try {
      const onPhase = async (phase: 'localisation' | 'remplacement') => {
        await this.jobs.update(id, { phase, progress: phase === 'remplacement' ? 0.5 : 0.1 });
      };
      const result = isReferenceDataset(job.dataset)
        ? await applyReferenceImport({
            warehouse: this.deps.warehouse,
            jobId: id,
            dataset: job.dataset,
            onPhase,
          })
        : isGrantDataset(job.dataset)
          ? await applyGrantImport({
              warehouse: this.deps.warehouse,
              jobId: id,
              dataset: job.dataset,
              onPhase,
            })
          : await applyChorusImport({
              warehouse: this.deps.warehouse,
              jobId: id,
              kind: job.layout?.endsWith('-cp') ? 'cp' : 'ae',
              region: job.region,
              ...(await this.chorusPlacement()),
              onPhase,
            });
      // The data changed: record it as a load (the data version moves on, cached results made
      // before are not served again), then answer from it.
      const load = await this.recordLoad(job, result, started);
      const chorusLines = (result as { readonly chorusLines?: number | null }).chorusLines ?? null;
      if (chorusLines !== null) {
        // `chorus_lignes` was recomposed with the referential (labels, quartiers): its version moves too.
        await this.recordLoad(
          { ...job, dataset: CHORUS_TABLE },
          { ...result, datasetLines: chorusLines },
          started,
        );
      }
      await this.deps.afterDataChange?.();
      await this.deps.versions.refresh();
      await this.jobs.clearProblems(id, 'non_localisee');
      await this.jobs.addProblems(id, result.unplaced);
      const done = await this.jobs.update(id, {
        status: 'succeeded',
        phase: 'termine',
        progress: 1,
        linesUnplaced: result.linesUnplaced,
        problemsTotal: job.problemsTotal + result.linesUnplaced,
        slices: result.slices,
        result: {
          ...job.result,
          rowsImported: result.rowsImported,
          datasetLines: result.datasetLines,
          dataLoadId: load.id,
          ...('sourceKeys' in result && { sourceKeys: result.sourceKeys }),
        },
        finishedAt: new Date(),
      });
      if (done) {
        await this.audit(done, 'import_finished', 'success', {
          slices: result.slices,
          rowsImported: result.rowsImported,
          linesUnplaced: result.linesUnplaced,
        });
      }
    } catch (error) {
      if (this.closed) return;
      this.deps.log.error({ err: error, job: id }, 'import en échec : données précédentes conservées');
      await fail(
        `L’import a échoué pendant le remplacement des données (${error instanceof Error ? error.message : String(error)}) : les données précédentes sont intactes.`,
      );
    }
  }

  private async countLines(dataset: string): Promise<number> {
    const table = isReferenceDataset(dataset)
      ? REFERENCE_TABLE_OF[dataset]
      : isGrantDataset(dataset)
        ? GRANT_TABLE_OF[dataset].table.name
        : CHORUS_TABLE;
    const { rows } = await this.deps.warehouse.query(`SELECT count(*) FROM ${table}`);
    return Number(rows[0]?.[0] ?? 0);
  }

  /**
   * Whether a grant or reference job's swap committed before the process died (its lines are in
   * the table).
   */
  private async grantSwapped(job: ImportJobRow): Promise<boolean> {
    const table = isReferenceDataset(job.dataset)
      ? REFERENCE_TABLE_OF[job.dataset]
      : isGrantDataset(job.dataset)
        ? GRANT_TABLE_OF[job.dataset].table.name
        : null;
    if (!table) return false;
    if (!(await this.deps.warehouse.tableExists(table))) return false;
    const { rows } = await this.deps.warehouse.query(`SELECT count(*) FROM ${table} WHERE import_id = $1`, [
      job.id,
    ]);
    return Number(rows[0]?.[0] ?? 0) > 0;
  }

  /** A job's working tables (staged lines and what applying it builds), whatever its dataset. */
  private async dropWorkTables(jobId: number): Promise<void> {
    await dropJobTables(this.deps.warehouse, jobId);
    await this.deps.warehouse.dropTable(grantStagedTable(jobId));
    await this.deps.warehouse.dropTable(referenceStagedTable(jobId));
  }

  private recordLoad(
    job: ImportJobRow,
    result: {
      readonly datasetLines: number;
      readonly slices: readonly ImportSlice[];
      readonly linesUnplaced?: number;
    },
    started = new Date(),
  ) {
    return this.deps.loads.recordImport({
      dataset: job.dataset,
      source: `Import n° ${job.id} : ${job.fileName} (${job.layoutLabel ?? job.layout})`,
      fingerprint: job.sha256,
      engine: this.deps.warehouse.dialect,
      rowsLoaded: result.datasetLines,
      rowsUnplaced: result.linesUnplaced ?? job.linesUnplaced,
      rowsRejected: job.linesRejected,
      report: { importId: job.id, slices: result.slices },
      startedAt: started,
    });
  }

  private audit(
    job: ImportJobRow,
    action: 'import_received' | 'import_confirmed' | 'import_finished',
    outcome: 'success' | 'failure',
    details: Record<string, unknown>,
    actor?: ImportActor,
  ): Promise<void> {
    const entry: AuditEntry = {
      action,
      outcome,
      actorId: actor?.id ?? job.confirmedById ?? job.authorId,
      actorEmail: actor?.email ?? job.confirmedByEmail ?? job.authorEmail,
      target: job.dataset,
      ip: actor?.ip ?? null,
      details: { importId: job.id, fileName: job.fileName, sha256: job.sha256, ...details },
    };
    return this.deps.audit.record(entry);
  }
}

export function importActor(user: UserRow, ip: string | null): ImportActor {
  return { id: user.id, email: user.email, scope: user.scope, ip };
}

export type { NewProblem };
