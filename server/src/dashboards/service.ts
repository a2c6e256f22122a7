import { randomBytes } from 'node:crypto';
import {
  assertValidDashboard,
  type Catalogue,
  DASHBOARD_SCHEMA_VERSION,
  type DashboardDefinition,
  type DashboardDetail,
  DashboardError,
  type DashboardLists,
  type DashboardSummary,
  type DashboardVersionSummary,
  migrateDashboard,
} from '@dataetat/widgets';
import type { UserRole } from '../auth/roles.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import type { DashboardRow } from '../metadata/schema.ts';
import type { DashboardListRow, DashboardRecord, DashboardRepository, Definition } from './repository.ts';

/** The caller, as sessions give it. */
export interface Actor {
  readonly id: number;
  readonly name: string;
  readonly role: UserRole;
}

/** Days a dashboard stays restorable in the trash before it is purged. */
export const TRASH_DAYS = 30;
/** Shown as the owner of reference dashboards (provisioned from dashboards/*.json). */
export const REFERENCE_OWNER_NAME = 'Data-État';
const DAY_MS = 86_400_000;

export type { DashboardDetail, DashboardLists, DashboardSummary };
/** A version in the list (the shared shape, under the name the routes use). */
export type VersionSummary = DashboardVersionSummary;

export interface CreateInput {
  readonly title?: string;
  readonly description?: string;
  readonly definition?: unknown;
  readonly duplicateOf?: string;
}

export interface UpdateInput {
  readonly title: string;
  readonly description: string;
  readonly definition: unknown;
  readonly version: number;
  readonly message?: string;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 10 random alphanumeric characters (~59 bits): short in a URL, never `ref-…`. */
export function newDashboardId(): string {
  return Array.from(randomBytes(10), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

const frenchTime = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
const frenchDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });

/** « 14:05 » today, « 14:05 le 12/03/2025 » another day (Paris time). */
export function conflictTime(at: Date, now = new Date()): string {
  const time = frenchTime.format(at);
  return frenchDate.format(at) === frenchDate.format(now) ? time : `${time} le ${frenchDate.format(at)}`;
}

function toDashboardInvalid(error: DashboardError): AppError {
  const [first] = error.issues;
  return new AppError(
    'DASHBOARD_INVALID',
    { reason: error.message },
    {
      path: first?.path ?? '',
      ...(first?.widgetId !== undefined && { widgetId: first.widgetId }),
      ...(first?.field !== undefined && { field: first.field }),
      issues: error.issues,
    },
  );
}

/**
 * Dashboards: who may see and change what, validation against the catalogue on every write,
 * versions, trash. Routes and the CLI go through here; the repository only reads and writes.
 */
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly catalogue: Catalogue,
  ) {}

  /** Checks a definition against the schema and the catalogue, title and description in sync. */
  validate(definition: unknown, title: string, description: string): DashboardDefinition {
    try {
      const migrated = migrateDashboard(definition);
      return assertValidDashboard({ ...migrated, title, description }, this.catalogue);
    } catch (error) {
      if (error instanceof DashboardError) throw toDashboardInvalid(error);
      throw error;
    }
  }

  async list(
    actor: Actor,
    options: { q?: string; sort?: 'updated' | 'title' } = {},
  ): Promise<DashboardLists> {
    const query = fold(options.q?.trim() ?? '');
    const rows = (await this.repository.listFor(actor.id)).filter(
      (r) => query === '' || fold(`${r.title} ${r.description}`).includes(query),
    );
    const compare =
      options.sort === 'title'
        ? (a: DashboardListRow, b: DashboardListRow) => collator.compare(a.title, b.title)
        : (a: DashboardListRow, b: DashboardListRow) => b.updatedAt.getTime() - a.updatedAt.getTime();
    const pick = (keep: (r: DashboardListRow) => boolean) => rows.filter(keep).sort(compare).map(toSummary);
    const live = (r: DashboardListRow) => r.deletedAt === null;
    return {
      mine: pick((r) => live(r) && !r.isReference && r.ownerId === actor.id),
      reference: pick((r) => live(r) && r.isReference),
      // « Partagés avec moi » says which permission each share gives.
      shared: rows
        .filter((r) => live(r) && !r.isReference && r.ownerId !== actor.id && r.sharedWithMe)
        .sort(compare)
        .map((r) => ({ ...toSummary(r), ...(r.sharePermission ? { permission: r.sharePermission } : {}) })),
      trash: pick((r) => !live(r) && !r.isReference && r.ownerId === actor.id),
    };
  }

  async get(actor: Actor, id: string): Promise<DashboardDetail> {
    const record = await this.readable(actor, id);
    return this.detail(actor, record);
  }

  async create(actor: Actor, input: CreateInput): Promise<DashboardDetail> {
    let title = input.title?.trim() ?? '';
    let description = input.description ?? '';
    let definition: unknown = input.definition;
    let message = 'Création';
    if (input.duplicateOf !== undefined) {
      if (input.definition !== undefined) {
        throw new AppError('DASHBOARD_INVALID', {
          reason:
            'indiquez soit une définition (definition), soit le tableau à dupliquer (duplicateOf), pas les deux.',
        });
      }
      const source = await this.readable(actor, input.duplicateOf);
      title ||= `Copie de ${source.title}`;
      description = input.description ?? source.description;
      definition = source.definition;
      message = `Copie de « ${source.title} »`;
    }
    if (title === '') {
      throw new AppError('DASHBOARD_INVALID', {
        reason: 'donnez un titre au tableau de bord (champ title).',
      });
    }
    const valid = this.validate(
      definition ?? { schemaVersion: DASHBOARD_SCHEMA_VERSION, widgets: [], layout: [], filters: [] },
      title,
      description,
    );
    const row = await this.repository.create(
      { id: newDashboardId(), ownerId: actor.id, title, description, definition: toJson(valid) },
      { authorId: actor.id, message },
    );
    return this.detail(actor, { ...row, ownerName: actor.name });
  }

  async update(actor: Actor, id: string, input: UpdateInput): Promise<DashboardDetail> {
    const current = await this.editable(actor, id);
    const title = input.title.trim();
    if (title === '') {
      throw new AppError('DASHBOARD_INVALID', {
        reason: 'donnez un titre au tableau de bord (champ title).',
      });
    }
    const valid = this.validate(input.definition, title, input.description);
    return this.save(actor, current, input.version, valid, input.message?.trim() || null);
  }

  async trash(actor: Actor, id: string): Promise<{ id: string; deletedAt: string; restorableUntil: string }> {
    const record = await this.editable(actor, id);
    this.checkManageRights(actor, record, 'DASHBOARD_NOT_DELETABLE');
    const now = new Date();
    await this.repository.setDeleted(id, now);
    return {
      id,
      deletedAt: now.toISOString(),
      restorableUntil: new Date(now.getTime() + TRASH_DAYS * DAY_MS).toISOString(),
    };
  }

  async restore(actor: Actor, id: string): Promise<DashboardDetail> {
    // Not through readable(): a dashboard in the trash is precisely what is asked for here.
    const record = await this.existing(id);
    if (!(await this.mayRead(actor, record))) throw new AppError('DASHBOARD_FORBIDDEN');
    await this.checkEditRights(actor, record);
    this.checkManageRights(actor, record, 'DASHBOARD_NOT_DELETABLE');
    if (record.deletedAt === null) throw new AppError('DASHBOARD_NOT_IN_TRASH');
    await this.repository.setDeleted(id, null);
    return this.detail(actor, { ...record, deletedAt: null });
  }

  async versions(actor: Actor, id: string): Promise<VersionSummary[]> {
    await this.readable(actor, id);
    return (await this.repository.versions(id)).map((v) => ({
      version: v.version,
      title: v.title,
      authorName: v.authorName ?? REFERENCE_OWNER_NAME,
      createdAt: v.createdAt.toISOString(),
      message: v.message,
    }));
  }

  async version(
    actor: Actor,
    id: string,
    version: number,
  ): Promise<VersionSummary & { definition: DashboardDefinition }> {
    const record = await this.readable(actor, id);
    const found = await this.repository.version(id, version);
    if (!found) throw new AppError('DASHBOARD_VERSION_NOT_FOUND', { version, last: record.version });
    return {
      version: found.version,
      title: found.title,
      authorName: found.authorName ?? REFERENCE_OWNER_NAME,
      createdAt: found.createdAt.toISOString(),
      message: found.message,
      definition: migrateDashboard(found.definition) as unknown as DashboardDefinition,
    };
  }

  /** Saves an old version's content as a new version (nothing is lost: history only grows). */
  async restoreVersion(actor: Actor, id: string, version: number): Promise<DashboardDetail> {
    const current = await this.editable(actor, id);
    const found = await this.repository.version(id, version);
    if (!found) throw new AppError('DASHBOARD_VERSION_NOT_FOUND', { version, last: current.version });
    const definition = migrateDashboard(found.definition);
    const description = typeof definition.description === 'string' ? definition.description : '';
    const valid = this.validate(definition, found.title, description);
    return this.save(actor, current, current.version, valid, `Restauration de la version ${version}`);
  }

  private async save(
    actor: Actor,
    current: DashboardRecord,
    expectedVersion: number,
    definition: DashboardDefinition,
    message: string | null,
  ): Promise<DashboardDetail> {
    const saved = await this.repository.saveIfVersion(
      current.id,
      expectedVersion,
      { title: definition.title, description: definition.description, definition: toJson(definition) },
      { authorId: actor.id, message },
    );
    if (!saved) throw await this.conflict(current.id);
    return this.detail(actor, { ...saved, ownerName: current.ownerName });
  }

  /** The 409 naming who saved last and when (never a silent overwrite). */
  private async conflict(id: string): Promise<AppError> {
    const record = await this.existing(id);
    if (record.deletedAt !== null) return inTrash(record);
    const [last] = await this.repository.versions(id);
    const name = last?.authorName ?? REFERENCE_OWNER_NAME;
    const at = last?.createdAt ?? record.updatedAt;
    return new AppError(
      'DASHBOARD_CONFLICT',
      { name, time: conflictTime(at) },
      { currentVersion: record.version, updatedBy: name, updatedAt: at.toISOString() },
    );
  }

  private async existing(id: string): Promise<DashboardRecord> {
    const record = await this.repository.byId(id);
    if (!record) throw new AppError('DASHBOARD_NOT_FOUND', { id });
    return record;
  }

  /** Readers see reference dashboards, their own, those shared with them; admins all. */
  private async readable(actor: Actor, id: string): Promise<DashboardRecord> {
    const record = await this.existing(id);
    if (!(await this.mayRead(actor, record))) throw new AppError('DASHBOARD_FORBIDDEN');
    if (record.deletedAt !== null) throw inTrash(record);
    return record;
  }

  /** Reference dashboards, their own, those shared with them (read or edit); admins all. */
  private async mayRead(actor: Actor, record: DashboardRecord): Promise<boolean> {
    return (
      actor.role === 'admin' ||
      record.isReference ||
      record.ownerId === actor.id ||
      (await this.repository.sharePermission(record.id, actor.id)) !== undefined
    );
  }

  private async editable(actor: Actor, id: string): Promise<DashboardRecord> {
    const record = await this.readable(actor, id);
    await this.checkEditRights(actor, record);
    return record;
  }

  /** Saving: the owner (éditeur), an admin, or an éditeur it is shared with for editing. */
  private async checkEditRights(actor: Actor, record: DashboardRecord): Promise<void> {
    if (record.isReference) throw new AppError('DASHBOARD_READ_ONLY', { title: record.title });
    if (!(await this.mayEdit(actor, record))) {
      throw new AppError('DASHBOARD_NOT_EDITABLE', { owner: record.ownerName ?? REFERENCE_OWNER_NAME });
    }
  }

  private async mayEdit(actor: Actor, record: DashboardRecord): Promise<boolean> {
    if (record.isReference) return false;
    if (canManageAsRole(actor, record)) return true;
    return (
      actor.role === 'editeur' && (await this.repository.sharePermission(record.id, actor.id)) === 'edit'
    );
  }

  /**
   * Trash, restore, named shares, links and embeds: the owner (éditeur) or an admin only — a
   * named editor may save, never delete nor re-share.
   */
  private checkManageRights(actor: Actor, record: DashboardRecord, forbidden: ErrorCode): void {
    if (!canManageAsRole(actor, record)) {
      throw new AppError(forbidden, { owner: record.ownerName ?? REFERENCE_OWNER_NAME });
    }
  }

  /**
   * The dashboard whose shares, links and embeds `actor` manages: readable, not in the trash,
   * owned by them (éditeur) or any for an admin (reference ones included: embedding them is
   * the point). 403 DASHBOARD_SHARE_FORBIDDEN otherwise.
   */
  async shareable(actor: Actor, id: string, options: { inTrash?: boolean } = {}): Promise<DashboardRecord> {
    // Revoking stays possible while the dashboard is in the trash (`inTrash`).
    const record = await this.existing(id);
    if (!(await this.mayRead(actor, record))) throw new AppError('DASHBOARD_FORBIDDEN');
    if (record.deletedAt !== null && !options.inTrash) throw inTrash(record);
    this.checkManageRights(actor, record, 'DASHBOARD_SHARE_FORBIDDEN');
    return record;
  }

  /** The dashboard's definition as stored, migrated to the current schema. */
  definitionOf(record: DashboardRecord): DashboardDefinition {
    return migrateDashboard(record.definition) as unknown as DashboardDefinition;
  }

  /** Whether `actor` may manage the sharing of this dashboard (no error). */
  canShare(actor: Actor, record: DashboardRecord): boolean {
    return record.deletedAt === null && canManageAsRole(actor, record);
  }

  private async detail(actor: Actor, record: DashboardRecord): Promise<DashboardDetail> {
    return {
      id: record.id,
      title: record.title,
      description: record.description,
      definition: migrateDashboard(record.definition) as unknown as DashboardDefinition,
      version: record.version,
      isReference: record.isReference,
      owner: { id: record.ownerId, name: record.ownerName ?? REFERENCE_OWNER_NAME },
      canEdit: record.deletedAt === null && (await this.mayEdit(actor, record)),
      canShare: this.canShare(actor, record),
      updatedAt: record.updatedAt.toISOString(),
    };
  }
}

/** Owner with at least the éditeur role, or an admin. */
function canManageAsRole(actor: Actor, record: Pick<DashboardRow, 'ownerId'>): boolean {
  return actor.role === 'admin' || (actor.role === 'editeur' && record.ownerId === actor.id);
}

function inTrash(record: DashboardRow): AppError {
  return new AppError('DASHBOARD_IN_TRASH', { date: frenchDate.format(record.deletedAt ?? new Date()) });
}

function toSummary(row: DashboardListRow): DashboardSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    ownerName: row.ownerName ?? REFERENCE_OWNER_NAME,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    isReference: row.isReference,
    widgetCount: row.widgetCount,
    ...(row.deletedAt && { deletedAt: row.deletedAt.toISOString() }),
  };
}

function toJson(definition: DashboardDefinition): Definition {
  return definition as unknown as Definition;
}
