import { mkdirSync } from 'node:fs';
import type { Catalogue } from '@dataetat/widgets';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from './audit/repository.ts';
import { openIdentity } from './auth/identity.ts';
import { DataCompositions } from './catalogue/composition.ts';
import { catalogue } from './catalogue/index.ts';
import { rollupDefinitions } from './catalogue/rollups.ts';
import type { Settings } from './config.ts';
import { type DashboardService, openDashboards } from './dashboards/index.ts';
import { FinancementsBuilder } from './financements/builder.ts';
import { ensureGrantTables } from './imports/grants/tables.ts';
import { ImportJobRepository } from './imports/jobs.ts';
import { ImportService, WAREHOUSE_WRITE_LOCK } from './imports/service.ts';
import { DataLoadRepository } from './metadata/data-loads.ts';
import type { ChangeFeed, StoreChange } from './metadata/store.ts';
import { type MetadataStore, openMetadataStore } from './metadata/store.ts';
import { Metrics } from './metrics/metrics.ts';
import { DataVersions } from './query/data-versions.ts';
import { QueryService } from './query/query-service.ts';
import { createResultCache, type ResultCache } from './query/result-cache.ts';
import { loadRollupRoutes } from './query/rollups.ts';
import { chorusLoader } from './seed/chorus/loader.ts';
import { dotationsLoader } from './seed/dotations-loader.ts';
import { politiqueVilleLoader } from './seed/politique-ville-loader.ts';
import { programmesLoader } from './seed/programmes-loader.ts';
import { referenceLoader } from './seed/reference-loader.ts';
import { loadSeedPack, type SeedOutcome } from './seed/runner.ts';
import type { SeedLoader } from './seed/types.ts';
import { SharingRepository } from './sharing/repository.ts';
import { EmbedTokens } from './sharing/tokens.ts';
import { tagsUpToDate } from './tags/apply.ts';
import { TagAssignmentService } from './tags/assignment-service.ts';
import { TagAssignmentRepository } from './tags/assignments.ts';
import { useTagging } from './tags/current.ts';
import { TagRuleRepository } from './tags/repository.ts';
import { seedRules } from './tags/rules.ts';
import { TagService } from './tags/service.ts';
import type { UserRepository } from './users/repository.ts';
import { openWarehouse } from './warehouse/index.ts';
import type { Warehouse } from './warehouse/types.ts';

/** Everything the routes depend on, opened once at start and closed on shutdown. */
export interface Services {
  readonly settings: Settings;
  readonly warehouse: Warehouse;
  readonly metadata: MetadataStore;
  readonly loads: DataLoadRepository;
  readonly catalogue: Catalogue;
  /** What the start's seed load did, per dataset (empty while it runs in the background). */
  readonly seedOutcomes: readonly SeedOutcome[];
  /** The seed pack is being loaded in the background (the server already listens). */
  readonly seeding: boolean;
  /** Settles when the start's seed load is over (at once when it ran before opening). */
  readonly seeded: Promise<void>;
  /** Last successful load per dataset (the data version of cached results). */
  readonly versions: DataVersions;
  /** What the datasets with demo lines hold, by year, région and origin (the demo badge). */
  readonly compositions: DataCompositions;
  readonly cache: ResultCache;
  readonly queries: QueryService;
  /** Prometheus figures of this process (`/metrics`). */
  readonly metrics: Metrics;
  /** Accounts (roles, territorial scope, session versions). */
  readonly users: UserRepository;
  /** Audit journal: logins, user changes, exports, shares, embeds. */
  readonly audit: AuditLog;
  /** Key of session and CSRF tokens (DATAETAT_JWT_SECRET or generated in dataDir). */
  readonly jwtSecret: string;
  /** Dashboards: access rules, validation, versions, trash; reference ones provisioned at start. */
  readonly dashboards: DashboardService;
  /** Named shares, share links, embeds and their daily views (rows only, no rights). */
  readonly sharing: SharingRepository;
  /** Signs and verifies embed tokens (key derived from jwtSecret by HKDF). */
  readonly embedTokens: EmbedTokens;
  /** Data file imports (Chorus): jobs, analysis, confirmation, report. */
  readonly imports: ImportService;
  /** Tagging rules (« Politiques publiques »): edit, preview, apply. */
  readonly tags: TagService;
  readonly tagAssignments: TagAssignmentService;
  close(): Promise<void>;
}

/**
 * Several instances on one PostgreSQL: a session closed, an account changed or data loaded on
 * one is acted on by the others at once (their caches forget the user; they read the new data
 * versions), not at their next poll. A failed notification leaves the polls as the fallback.
 */
async function shareChanges(
  feed: ChangeFeed,
  users: UserRepository,
  versions: DataVersions,
  log: FastifyBaseLogger,
): Promise<void> {
  const publish = (change: StoreChange) =>
    feed
      .publish(change)
      .catch((error: unknown) => log.warn({ err: error }, 'notification aux autres instances'));
  users.onChange((id, here) => {
    if (here) void publish({ kind: 'user', id });
  });
  // Each instance that finds new versions says so once; the others find nothing new and stop.
  versions.onChanged(() => void publish({ kind: 'data' }));
  await feed.subscribe((change) => {
    if (change.kind === 'user') users.changedElsewhere(change.id);
    else
      versions
        .refresh()
        .catch((error: unknown) => log.warn({ err: error }, 'rafraîchissement des versions de données'));
  });
}

/** Seed loaders in load order; the Chorus demo size comes from the settings. */
export function seedLoaders(settings: Pick<Settings, 'chorusLines'>): readonly SeedLoader[] {
  return [
    referenceLoader,
    programmesLoader,
    dotationsLoader,
    politiqueVilleLoader,
    chorusLoader(settings.chorusLines),
  ];
}

export interface OpenServicesOptions {
  /**
   * Load the seed pack after returning (the server listens meanwhile) instead of before: the
   * real server's start; tests keep the default and get their data loaded.
   */
  readonly seedInBackground?: boolean;
}

/** How often an instance on a shared store looks for import jobs of instances that died. */
const ORPHAN_SWEEP_MS = 60_000;

export async function openServices(
  settings: Settings,
  log: FastifyBaseLogger,
  options: OpenServicesOptions = {},
): Promise<Services> {
  mkdirSync(settings.dataDir, { recursive: true });
  const metadata = await openMetadataStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  // Instances starting together on one PostgreSQL take turns for what a start writes
  // (migrations, demo accounts, reference dashboards, empty tables, the seed load): the second
  // finds it done instead of colliding with the first.
  const exclusive = metadata.exclusive ?? (<T>(_name: string, work: () => Promise<T>) => work());
  const warehouse = await openWarehouse(settings);
  const { identity, dashboards, grantsUntagged } = await exclusive('demarrage', async () => {
    await metadata.migrate();
    const opened = {
      identity: await openIdentity(settings, metadata.db, log),
      dashboards: await openDashboards(metadata.db, catalogue, log),
    };
    // Datasets fed by imports only: their tables exist, empty, before the first import.
    const grantsUntagged = await ensureGrantTables(warehouse);
    // The built-in tagging rules, once (an administrator's later changes stay).
    await new TagRuleRepository(metadata.db).seedOnce(seedRules(settings.seedDir));
    return { ...opened, grantsUntagged };
  });
  const loads = new DataLoadRepository(metadata.db);
  const versions = new DataVersions(loads);
  // Every writer of a tagged table (seed loads, imports) tags with the rules and manual
  // assignments stored now.
  const tagRules = new TagRuleRepository(metadata.db);
  const assignments = new TagAssignmentRepository(metadata.db);
  const compositions = new DataCompositions(warehouse, catalogue);
  versions.afterRefresh((v) => compositions.refresh(v));
  const financements = new FinancementsBuilder({ warehouse, loads, log });
  // The cross-source table follows its sources; a failed build keeps the previous one.
  const rebuildFinancements = () =>
    financements
      .ensureCurrent()
      .catch((error: unknown) => log.error({ err: error }, 'recomposition de financements_publics'));
  const tags = new TagService({
    rules: tagRules,
    assignments,
    warehouse,
    catalogue,
    loads,
    versions,
    timeoutMs: settings.queryTimeoutMs,
    afterApply: () => rebuildFinancements(),
  });
  useTagging(warehouse, () => tags.tagging());
  const tagAssignments = new TagAssignmentService({
    assignments,
    rules: tagRules,
    warehouse,
    catalogue,
    timeoutMs: settings.queryTimeoutMs,
  });
  let seedOutcomes: SeedOutcome[] = [];
  let seeding = false;
  const loadSeed = async (onLoaded?: () => Promise<void>) => {
    const { seedDir } = settings;
    if (!seedDir) {
      log.warn('aucun seed pack configuré (DATAETAT_SEED_DIR) : les jeux de données seront vides');
      return;
    }
    // One instance loads, the others wait and find the data up to date (and never mark the
    // loader's running loads as interrupted).
    seedOutcomes = await exclusive(WAREHOUSE_WRITE_LOCK, async () => {
      const outcomes = await loadSeedPack({
        seedDir,
        warehouse,
        loads,
        loaders: seedLoaders(settings),
        log,
        ...(onLoaded ? { onLoaded } : {}),
      });
      // Tables written before tags were lists (imported grant lines kept over an upgrade).
      if (grantsUntagged || !(await tagsUpToDate(warehouse))) {
        const applied = await tags.apply(await tags.version());
        log.info({ tags: applied }, 'étiquettes recalculées par les règles');
      }
      // Built once every source is there (the per-dataset hook may have built it already).
      await rebuildFinancements();
      return outcomes;
    });
  };
  let seeded: Promise<void>;
  if (options.seedInBackground) {
    // What earlier starts loaded is served at once; what is (re)loaded now appears when done,
    // each dataset swapped whole (data routes answer 503 DATA_NOT_LOADED until its first load).
    await versions.refresh();
    seeding = true;
    seeded = loadSeed(async () => {
      await rebuildFinancements();
      await versions.refresh();
    })
      .then(() => versions.refresh())
      .catch((error: unknown) => log.error({ err: error }, 'chargement des données au démarrage'))
      .finally(() => {
        seeding = false;
      });
  } else {
    await loadSeed();
    await versions.refresh();
    seeded = Promise.resolve();
  }
  versions.startPolling(30_000, (error) =>
    log.warn({ err: error }, 'rafraîchissement des versions de données'),
  );
  if (metadata.changes) await shareChanges(metadata.changes, identity.users, versions, log);
  const cache = createResultCache(settings, (error) => log.warn({ err: error }, 'cache Redis indisponible'));
  const metrics = new Metrics(warehouse.dialect, () => versions.all());
  const queries = new QueryService({
    observer: metrics,
    catalogue,
    warehouse,
    versions,
    cache,
    maxRows: settings.maxQueryRows,
    timeoutMs: settings.queryTimeoutMs,
    ...(settings.rollups && { rollups: await loadRollupRoutes(warehouse, catalogue, rollupDefinitions) }),
    demoOf: (plan) => compositions.demoIn(plan),
  });
  if (settings.rollups) {
    // A load, an import or a tag application (here or on another instance) may have built a
    // rollup the routes read at start did not see, or changed their sizes.
    const reloadRollups = () => {
      loadRollupRoutes(warehouse, catalogue, rollupDefinitions)
        .then((routes) => queries.useRollups(routes))
        .catch((error: unknown) => log.warn({ err: error }, 'relecture des pré-agrégations'));
    };
    versions.onChanged(reloadRollups);
    // A background first load may have finished its last swap before this listener existed.
    if (options.seedInBackground) void seeded.then(reloadRollups);
  }
  const imports = new ImportService({
    warehouse,
    jobs: new ImportJobRepository(metadata.db),
    loads,
    versions,
    audit: identity.audit,
    settings,
    log,
    instance: {
      id: metadata.instanceId,
      ...(metadata.isInstanceAlive && { isAlive: metadata.isInstanceAlive }),
      ...(metadata.exclusive && { exclusive: metadata.exclusive }),
    },
    afterDataChange: rebuildFinancements,
  });
  // Jobs a dead process left working are failed (or found done) before any new one starts.
  await imports.recover();
  // With several instances, one may die while the others run on: its jobs are failed within a
  // minute rather than at the next start of some instance.
  const sweep = metadata.isInstanceAlive
    ? setInterval(() => {
        imports
          .recover()
          .catch((error: unknown) => log.warn({ err: error }, 'reprise des imports orphelins'));
      }, ORPHAN_SWEEP_MS).unref()
    : null;
  return {
    settings,
    warehouse,
    versions,
    compositions,
    cache,
    queries,
    metrics,
    metadata,
    loads,
    catalogue,
    get seedOutcomes() {
      return seedOutcomes;
    },
    get seeding() {
      return seeding;
    },
    seeded,
    ...identity,
    dashboards,
    sharing: new SharingRepository(metadata.db),
    embedTokens: new EmbedTokens(identity.jwtSecret),
    imports,
    tags,
    tagAssignments,
    async close() {
      if (sweep) clearInterval(sweep);
      imports.close();
      versions.stop();
      await cache.close();
      await warehouse.close();
      await metadata.close();
    },
  };
}
