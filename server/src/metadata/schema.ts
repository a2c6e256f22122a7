import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** One row per attempt to load a dataset into the warehouse (seed pack, generator, import). */
export const dataLoads = pgTable('data_loads', {
  id: serial('id').primaryKey(),
  dataset: text('dataset').notNull(),
  /** Where the data came from: seed file names, generator settings, upload name. */
  source: text('source').notNull(),
  /** Fingerprint of the inputs and loader version: an identical one means nothing to reload. */
  fingerprint: text('fingerprint').notNull(),
  status: text('status', { enum: ['running', 'success', 'failed'] }).notNull(),
  rowsLoaded: integer('rows_loaded').notNull().default(0),
  /** Rows kept but not placed on the map (unknown territory code), reported, never dropped. */
  rowsUnplaced: integer('rows_unplaced').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
  error: text('error'),
  engine: text('engine').notNull(),
  /** `seed`: a seed pack loader; `import`: an import job replaced some of the dataset's data; `etiquettes`: its tags were recomputed. */
  origin: text('origin', { enum: ['seed', 'import', 'etiquettes'] })
    .notNull()
    .default('seed'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export type DataLoad = typeof dataLoads.$inferSelect;

/** Roles, least to most privileged (DESIGN §8). */
export const USER_ROLES = ['lecteur', 'editeur', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Accounts: local (password hash) or provisioned by the OIDC provider (subject). */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Lower-cased; the login. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    /** Région code the user is restricted to, or NAT. */
    scope: text('scope').notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** scrypt hash (`scrypt$N$r$p$salt$hash`); null for accounts that only sign in through OIDC. */
    passwordHash: text('password_hash'),
    /** `issuer#sub` of the OIDC identity, once the user signed in that way. */
    oidcSubject: text('oidc_subject'),
    /** Bumped on logout, disabling or password change: every older session token is refused. */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    uniqueIndex('users_oidc_subject_key').on(table.oidcSubject),
  ],
);

export type UserRow = typeof users.$inferSelect;

/** Who did what, when: logins, failed logins, user changes, exports, shares, embeds. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when nobody is identified (failed login of an unknown address). */
    actorId: integer('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'failure'] }).notNull(),
    /** What the action was about: a user e-mail, a dataset id, a dashboard id… */
    target: text('target'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('audit_log_at_idx').on(table.at)],
);

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Dashboards (DESIGN §7). `definition` is the JSON of widgets/src/dashboard (schemaVersion
 * inside); `version` grows by one at every save (optimistic concurrency: a save names the version
 * it started from). Reference dashboards come from dashboards/*.json (`reference_key` = file
 * name), have no owner and are read-only. `deleted_at` set = in the trash, purged after 30 days.
 */
export const dashboards = pgTable(
  'dashboards',
  {
    /** Short URL-safe id (random, or `ref-<file>` for reference dashboards). */
    id: text('id').primaryKey(),
    /** Null for reference dashboards (provisioned, owned by nobody). */
    ownerId: integer('owner_id').references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    isReference: boolean('is_reference').notNull().default(false),
    referenceKey: text('reference_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('dashboards_reference_key_key').on(table.referenceKey),
    index('dashboards_owner_idx').on(table.ownerId),
  ],
);

export type DashboardRow = typeof dashboards.$inferSelect;

/** Every saved state of a dashboard: who, when, why; restorable. */
export const dashboardVersions = pgTable(
  'dashboard_versions',
  {
    dashboardId: text('dashboard_id')
      .notNull()
      .references(() => dashboards.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    /** Null: written by provisioning from dashboards/*.json. */
    authorId: integer('author_id').references(() => users.id),
    message: text('message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.dashboardId, table.version] })],
);

export type DashboardVersionRow = typeof dashboardVersions.$inferSelect;

/** What a named share allows: read, or read and save (never delete nor re-share). */
export const SHARE_PERMISSIONS = ['read', 'edit'] as const;
export type SharePermission = (typeof SHARE_PERMISSIONS)[number];

/** Dashboards shared with named users (« Partagés avec moi »), read or edit. */
export const dashboardShares = pgTable(
  'dashboard_shares',
  {
    dashboardId: text('dashboard_id')
      .notNull()
      .references(() => dashboards.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    permission: text('permission', { enum: SHARE_PERMISSIONS }).notNull().default('read'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.dashboardId, table.userId] }),
    index('dashboard_shares_user_idx').on(table.userId),
  ],
);

export type DashboardShareRow = typeof dashboardShares.$inferSelect;

/** A filter locked by a grant, in QuerySpec form (`FilterSpec` of @dataetat/widgets). */
export interface StoredFilter {
  readonly field: string;
  readonly op: string;
  readonly values?: readonly (string | number | boolean)[];
}

/** A filter the host page of an embed may set: the field, and the values allowed (omitted = any). */
export interface StoredHostFilter {
  readonly field: string;
  readonly values?: readonly (string | number | boolean)[];
}

/**
 * Read-only links to a dashboard (`/s/<token>`). Only the sha-256 of the token is stored: the
 * token itself is shown once, at creation.
 */
export const shareLinks = pgTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    dashboardId: text('dashboard_id')
      .notNull()
      .references(() => dashboards.id, { onDelete: 'cascade' }),
    /** sha-256 hex of the token. */
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull().default(''),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** A signed-in account is required to open the link (its own territory still applies). */
    agentsOnly: boolean('agents_only').notNull().default(false),
    lockedFilters: jsonb('locked_filters').$type<StoredFilter[]>().notNull().default([]),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    viewCount: integer('view_count').notNull().default(0),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('share_links_token_hash_key').on(table.tokenHash),
    index('share_links_dashboard_idx').on(table.dashboardId),
  ],
);

export type ShareLinkRow = typeof shareLinks.$inferSelect;

/** Embeds of one widget (`widget_id`) or a whole dashboard (null) in other sites. */
export const embeds = pgTable(
  'embeds',
  {
    id: text('id').primaryKey(),
    dashboardId: text('dashboard_id')
      .notNull()
      .references(() => dashboards.id, { onDelete: 'cascade' }),
    widgetId: text('widget_id'),
    label: text('label').notNull().default(''),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    agentsOnly: boolean('agents_only').notNull().default(false),
    lockedFilters: jsonb('locked_filters').$type<StoredFilter[]>().notNull().default([]),
    hostFilters: jsonb('host_filters').$type<StoredHostFilter[]>().notNull().default([]),
    /** `https://host[:port]` origins allowed to frame or call the embed. */
    allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull().default([]),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    viewCount: integer('view_count').notNull().default(0),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
  },
  (table) => [index('embeds_dashboard_idx').on(table.dashboardId)],
);

export type EmbedRow = typeof embeds.$inferSelect;

export const GRANT_KINDS = ['link', 'embed'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

/** Views of a link or an embed, one row per grant per day (shown in the audit journal). */
export const grantViewDays = pgTable(
  'grant_view_days',
  {
    kind: text('kind', { enum: GRANT_KINDS }).notNull(),
    grantId: text('grant_id').notNull(),
    /** UTC day, `YYYY-MM-DD`. */
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.kind, table.grantId, table.day] })],
);

export type GrantViewDayRow = typeof grantViewDays.$inferSelect;

/** What an import job goes through (imports/README.md). */
export const IMPORT_STATUSES = [
  'analysing', // read, checked and staged, nothing written to the data yet
  'awaiting_confirmation', // analysed: layout, counters, problems known; waits for « Importer »
  'queued', // confirmed, waits for the import before it
  'running', // replacing the data
  'succeeded',
  'unchanged', // the same file was already imported and its data is still in place
  'refused', // the file as a whole (layout, encoding, columns…)
  'failed',
  'cancelled',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_MODES = ['tout_ou_rien', 'ignorer_invalides'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * One (kind, year, région) a file covers: importing a Chorus file replaces exactly these. For a
 * grant file (`subvention`) the slices only describe what it brought: it replaces its sources.
 */
export interface ImportSlice {
  readonly kind: 'ae' | 'cp' | 'subvention';
  readonly year: number;
  readonly region: string | null;
  readonly lines: number;
}

/** Imports of data files (Chorus extracts): who, what file, how it went. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    dataset: text('dataset').notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    /** Step of the current status (lecture, localisation, remplacement…), for progress. */
    phase: text('phase').notNull(),
    /** Layout detected from the content (`inf-bud-53-ae`…) and its French name. */
    layout: text('layout'),
    layoutLabel: text('layout_label'),
    /** The file's lines carry their région (national layouts). */
    carriesRegion: boolean('carries_region'),
    fileName: text('file_name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    mode: text('mode', { enum: IMPORT_MODES }),
    /** Région a regional report covers (named at confirmation). */
    region: text('region'),
    authorId: integer('author_id'),
    authorEmail: text('author_email'),
    confirmedById: integer('confirmed_by_id'),
    confirmedByEmail: text('confirmed_by_email'),
    linesRead: integer('lines_read').notNull().default(0),
    linesValid: integer('lines_valid').notNull().default(0),
    linesRejected: integer('lines_rejected').notNull().default(0),
    linesUnplaced: integer('lines_unplaced').notNull().default(0),
    /** Problems found (rejected and unplaced lines): all counted, the first ones stored. */
    problemsTotal: integer('problems_total').notNull().default(0),
    /** 0 to 1 within the current phase. */
    progress: doublePrecision('progress').notNull().default(0),
    /** First normalised lines, shown before confirming. */
    preview: jsonb('preview').$type<Record<string, unknown>[]>().notNull().default([]),
    slices: jsonb('slices').$type<ImportSlice[]>().notNull().default([]),
    /** Outcome figures: lines now in the dataset, the data load recorded… */
    result: jsonb('result').$type<Record<string, unknown>>().notNull().default({}),
    /** Why it was refused or failed, in French. */
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('import_jobs_created_idx').on(table.createdAt),
    index('import_jobs_sha256_idx').on(table.sha256),
  ],
);

export type ImportJobRow = typeof importJobs.$inferSelect;

/** A line of an import's report: rejected, or kept but not placed at commune level. */
export const importProblems = pgTable(
  'import_problems',
  {
    id: serial('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['rejet', 'non_localisee'] }).notNull(),
    line: integer('line').notNull(),
    column: text('column').notNull(),
    value: text('value').notNull(),
    reason: text('reason').notNull(),
  },
  (table) => [index('import_problems_job_idx').on(table.jobId, table.line)],
);

export type ImportProblemRow = typeof importProblems.$inferSelect;

/**
 * A condition of a tagging rule on one catalogue field of a dataset: its value is one of
 * `values` (`in`), begins with one of them (`starts_with`), or lies between `values[0]` and
 * `values[1]` in byte order (`between`, for codes like programmes).
 */
export interface TagCondition {
  readonly field: string;
  readonly op: 'in' | 'starts_with' | 'between';
  readonly values: readonly string[];
  /** Where the values came from, when a list file (`pvd.csv` of the seed pack). */
  readonly source?: string;
}

/** The lines of one dataset a rule tags: every condition holds (none: every line). */
export interface TagTarget {
  readonly dataset: string;
  readonly conditions: readonly TagCondition[];
}

/**
 * Tagging rules (« Administration › Politiques publiques »): a tag code and label, the lines it
 * goes to per dataset. Saving one changes nothing in the data; applying the rules recomputes
 * every tagged dataset's `tags` column at once (tags/apply.ts).
 */
export const tagRules = pgTable(
  'tag_rules',
  {
    id: serial('id').primaryKey(),
    /** `fonds_vert`: what filters and dashboards name. */
    code: text('code').notNull(),
    label: text('label').notNull(),
    description: text('description').notNull().default(''),
    targets: jsonb('targets').$type<TagTarget[]>().notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tag_rules_code').on(t.code)],
);
export type TagRuleRow = typeof tagRules.$inferSelect;

/** Versions of the built-in rules already written (an administrator's deletion stays deleted). */
export const tagRuleSeeds = pgTable('tag_rule_seeds', {
  version: integer('version').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** How a manual assignment of tags was made: a CSV of Chorus lines, or the form for one beneficiary. */
export const TAG_ASSIGNMENT_KINDS = ['fichier', 'beneficiaire'] as const;
export type TagAssignmentKind = (typeof TAG_ASSIGNMENT_KINDS)[number];

/** What a manual assignment matched when it was saved (shown in its list; the data may change since). */
export interface TagAssignmentReport {
  /** Lines of the file read (the form: 1). */
  readonly lines: number;
  /** Of which some line of the data had the EJ and poste (or the SIRET / SIREN) when saved. */
  readonly matched: number;
  /** Tag codes no rule posed when saved. */
  readonly newTags: readonly string[];
}

/**
 * A manual assignment of tags (« Administration › Politiques publiques »): one upload of a CSV
 * `n_ej;n_poste_ej;tags`, or one beneficiary (SIRET or SIREN) given tags through the form. Its
 * number names it in every line's provenance (`tags_origine`: `manuel:<id>`). Saving changes no
 * data; applying merges it with the rules (tags/apply.ts). Deleted whole.
 */
export const tagAssignmentBatches = pgTable('tag_assignment_batches', {
  id: serial('id').primaryKey(),
  kind: text('kind', { enum: TAG_ASSIGNMENT_KINDS }).notNull(),
  /** The uploaded file's name (`fichier`). */
  fileName: text('file_name'),
  /** The SIRET or SIREN (`beneficiaire`). */
  beneficiary: text('beneficiary'),
  authorId: integer('author_id').references(() => users.id),
  authorEmail: text('author_email').notNull(),
  report: jsonb('report').$type<TagAssignmentReport>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type TagAssignmentBatchRow = typeof tagAssignmentBatches.$inferSelect;

/**
 * One tag given by hand: to a Chorus line (`ej`, `poste_ej`) or to a beneficiary (`beneficiary`,
 * a SIRET — its lines — or a SIREN — the lines of all its establishments — in every dataset).
 */
export const tagAssignments = pgTable(
  'tag_assignments',
  {
    id: serial('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => tagAssignmentBatches.id, { onDelete: 'cascade' }),
    /** Line of the file (1 = header), null for the form. */
    line: integer('line'),
    ej: text('ej'),
    posteEj: integer('poste_ej'),
    beneficiary: text('beneficiary'),
    tag: text('tag').notNull(),
  },
  (t) => [index('tag_assignments_batch_idx').on(t.batchId)],
);
export type TagAssignmentRow = typeof tagAssignments.$inferSelect;
