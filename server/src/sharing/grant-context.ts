/**
 * What a share link or an embed lets its viewer read (ADR 0003): its creator's rights AT VIEW
 * TIME — account active, dashboard still readable, territory as it is now — narrowed to the
 * viewer's territory when the grant is for signed-in agents only, plus the grant's locked
 * filters, ANDed by the compiler after validation like the territory. The grant's row with its
 * creator and the dashboard's row are read for each request — on PGlite from `OpenedGrants`
 * while the store has not been written since (opened-grants.ts) — so a revoked or expired
 * grant, a disabled or narrowed creator, all act on the next request.
 */
import type { DashboardDetail, FilterSpec, SecurityContext } from '@dataetat/widgets';
import { decodeJwt } from 'jose';
import type { Identity } from '../auth/plugin.ts';
import { NATIONAL_SCOPE } from '../auth/roles.ts';
import type { DashboardService } from '../dashboards/service.ts';
import { AppError } from '../errors.ts';
import type { OpenedGrants } from './opened-grants.ts';
import type { GrantCreatorRecord, SharingRepository } from './repository.ts';
import {
  type EmbedTokens,
  hashShareLinkToken,
  isShareLinkTokenShape,
  shareLinkTokenMatches,
} from './tokens.ts';

/** A host page's settable filter (embeds): a field and, when restricted, its allowed values. */
export interface HostFilter {
  readonly field: string;
  readonly values?: readonly (string | number | boolean)[];
}

/** A share link or an embed, as stored: what the checks below need of either. */
export interface Grant {
  readonly kind: 'link' | 'embed';
  readonly id: string;
  readonly dashboardId: string;
  /** The embedded widget; null for a whole dashboard (always null for links). */
  readonly widgetId: string | null;
  /** The creator's account as stored now, read with the grant (null once deleted: it no longer opens). */
  readonly creator: GrantCreatorRecord | null;
  readonly agentsOnly: boolean;
  readonly lockedFilters: readonly FilterSpec[];
  /** Embeds only ([] for links). */
  readonly hostFilters: readonly HostFilter[];
  /** Embeds only ([] for links). */
  readonly allowedOrigins: readonly string[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

/** An opened grant: the dashboard as its creator reads it now, and the context of its queries. */
export interface GrantView {
  readonly grant: Grant;
  readonly dashboard: DashboardDetail;
  readonly context: SecurityContext;
  /** Who made the grant (the shared view names them). */
  readonly creator: { readonly id: number; readonly name: string };
}

export interface GrantDeps {
  /** Keeps what opening reads between requests while the store has not been written (PGlite). */
  readonly opened?: OpenedGrants;
  readonly dashboards: Pick<DashboardService, 'get'>;
  /** « Bretagne » for 53, for the message of two territories with nothing in common. */
  readonly territoryLabel?: (scope: string) => Promise<string>;
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** Revoked, then expired: refused at once, whatever else is true. */
export function assertGrantOpen(grant: Pick<Grant, 'expiresAt' | 'revokedAt'>, now = new Date()): void {
  if (grant.revokedAt !== null) {
    throw new AppError('GRANT_REVOKED', { date: frenchDate.format(grant.revokedAt) });
  }
  if (grant.expiresAt !== null && grant.expiresAt.getTime() <= now.getTime()) {
    throw new AppError('GRANT_EXPIRED', { date: frenchDate.format(grant.expiresAt) });
  }
}

/**
 * The territory both may see: NAT ∩ X = X, X ∩ X = X; two different régions share nothing,
 * which is refused with both named rather than answered with empty widgets.
 */
export async function intersectScopes(
  creator: string,
  viewer: string,
  label: (scope: string) => Promise<string> = async (scope) => defaultLabel(scope),
): Promise<string> {
  if (creator === NATIONAL_SCOPE) return viewer;
  if (viewer === NATIONAL_SCOPE || viewer === creator) return creator;
  throw new AppError('GRANT_TERRITORY_MISMATCH', {
    creator: await label(creator),
    viewer: await label(viewer),
  });
}

const defaultLabel = (scope: string) => (scope === NATIONAL_SCOPE ? 'France entière' : `région ${scope}`);

/**
 * Opens a stored grant for one request: still open, creator active and still able to read the
 * dashboard (read now, never from a cache), viewer signed in when the grant requires it.
 */
export async function openGrant(
  deps: GrantDeps,
  grant: Grant,
  viewer: Identity | null,
  now = new Date(),
): Promise<GrantView> {
  assertGrantOpen(grant, now);
  if (grant.agentsOnly && !viewer) throw new AppError('GRANT_LOGIN_REQUIRED');
  const { creator } = grant;
  if (creator?.status !== 'active') throw new AppError('GRANT_CREATOR_INACTIVE');
  const read = () => readAsCreator(deps, creator, grant.dashboardId);
  const dashboard = deps.opened
    ? await deps.opened.get(`dashboard\u0000${creator.id}\u0000${grant.dashboardId}`, read)
    : await read();
  if (grant.widgetId !== null && !dashboard.definition.widgets.some((w) => w.id === grant.widgetId)) {
    // The embedded widget was removed from the dashboard: nothing left to show.
    throw new AppError('GRANT_NOT_FOUND');
  }
  const scope =
    grant.agentsOnly && viewer
      ? await intersectScopes(creator.scope, viewer.user.scope, deps.territoryLabel)
      : creator.scope;
  return {
    grant,
    dashboard,
    context: { scope, lockedFilters: grant.lockedFilters },
    creator: { id: creator.id, name: creator.name },
  };
}

/** The dashboard as its creator may read it now; refusals say the grant no longer opens. */
async function readAsCreator(
  deps: GrantDeps,
  creator: GrantCreatorRecord,
  dashboardId: string,
): Promise<DashboardDetail> {
  try {
    return await deps.dashboards.get({ id: creator.id, name: creator.name, role: creator.role }, dashboardId);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === 'DASHBOARD_FORBIDDEN') throw new AppError('GRANT_CREATOR_INACTIVE');
      if (error.code === 'DASHBOARD_NOT_FOUND' || error.code === 'DASHBOARD_IN_TRASH') {
        throw new AppError('GRANT_NOT_FOUND');
      }
    }
    throw error;
  }
}

/** A share link by its token: looked up by hash, compared in constant time, else not found. */
export async function resolveLink(
  sharing: Pick<SharingRepository, 'linkByTokenHash'>,
  token: string,
  opened?: OpenedGrants,
): Promise<Grant> {
  if (!isShareLinkTokenShape(token)) throw new AppError('GRANT_NOT_FOUND');
  const hash = hashShareLinkToken(token);
  const read = () => sharing.linkByTokenHash(hash);
  const row = opened ? await opened.get(`link\u0000${hash}`, read) : await read();
  if (!row || !shareLinkTokenMatches(token, row.tokenHash)) throw new AppError('GRANT_NOT_FOUND');
  return {
    kind: 'link',
    id: row.id,
    dashboardId: row.dashboardId,
    widgetId: null,
    creator: row.creator,
    agentsOnly: row.agentsOnly,
    lockedFilters: row.lockedFilters as FilterSpec[],
    hostFilters: [],
    allowedOrigins: [],
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

/**
 * An embed by its signed token: signature and `exp` first (a tampered or foreign token is
 * unknown), then its row, which is the truth for revocation, expiry and locked filters.
 */
export async function resolveEmbed(
  sharing: Pick<SharingRepository, 'embedById'>,
  tokens: Pick<EmbedTokens, 'verify'>,
  token: string,
  opened?: OpenedGrants,
): Promise<Grant> {
  const check = await tokens.verify(token);
  if (!check.ok) {
    if (check.reason === 'expired') throw new AppError('GRANT_EXPIRED', { date: expiryOf(token) });
    throw new AppError('GRANT_NOT_FOUND');
  }
  const { claims } = check;
  const read = () => sharing.embedById(claims.eid);
  const row = opened ? await opened.get(`embed\u0000${claims.eid}`, read) : await read();
  // The row must be the one the token was signed for (same dashboard and widget).
  if (!row || row.dashboardId !== claims.dsh || row.widgetId !== claims.wid) {
    throw new AppError('GRANT_NOT_FOUND');
  }
  return {
    kind: 'embed',
    id: row.id,
    dashboardId: row.dashboardId,
    widgetId: row.widgetId,
    creator: row.creator,
    agentsOnly: row.agentsOnly,
    lockedFilters: row.lockedFilters as FilterSpec[],
    hostFilters: row.hostFilters,
    allowedOrigins: row.allowedOrigins,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

/** The date of an expired token (its signature was checked before its `exp`). */
function expiryOf(token: string): string {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? frenchDate.format(new Date(exp * 1000)) : '?';
  } catch {
    return '?';
  }
}
