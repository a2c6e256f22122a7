import type { Catalogue } from '@dataetat/widgets';
import { inArray } from 'drizzle-orm';
import { dashboards, embeds, shareLinks, users } from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';
import type { AuditListRow, PublicAuditEntry } from './repository.ts';

/**
 * Names instead of internal ids (issue 12). An entry stores what it was about as an id (a
 * dashboard id, a dataset id, a user's e-mail; a link or embed id in `details`); the journal
 * shows the current title or label, looked up once per page. A target that no longer exists
 * keeps its id, followed by « (supprimé) »: the journal outlives what it describes.
 */

/** What kind of thing an action's `target` names. */
function targetKind(action: string): 'dashboard' | 'dataset' | 'user' | null {
  if (action.startsWith('dashboard_') || action.startsWith('share_link_') || action.startsWith('embed_'))
    return 'dashboard';
  if (action === 'export' || action.startsWith('import_')) return 'dataset';
  if (action.startsWith('user_') || action.startsWith('login')) return 'user';
  return null;
}

/** The link or embed an entry names in its details. */
function grantOf(entry: AuditListRow): { kind: 'link' | 'embed'; id: string } | null {
  const { linkId, embedId } = entry.details;
  if (entry.action.startsWith('share_link_') && typeof linkId === 'string')
    return { kind: 'link', id: linkId };
  if (entry.action.startsWith('embed_') && typeof embedId === 'string') return { kind: 'embed', id: embedId };
  return null;
}

export const deletedLabel = (id: string) => `${id} (supprimé)`;

function grantLabel(grant: { label: string; revokedAt: Date | null }): string {
  const name = grant.label || 'sans nom';
  return grant.revokedAt ? `${name} (révoqué)` : name;
}

export async function labelAuditEntries(
  db: MetadataDb,
  catalogue: Catalogue,
  rows: readonly AuditListRow[],
): Promise<PublicAuditEntry[]> {
  const wanted = { dashboard: new Set<string>(), user: new Set<string>(), link: new Set<string>() };
  const wantedEmbeds = new Set<string>();
  for (const row of rows) {
    const kind = targetKind(row.action);
    if (row.target && (kind === 'dashboard' || kind === 'user')) wanted[kind].add(row.target);
    const grant = grantOf(row);
    if (grant?.kind === 'link') wanted.link.add(grant.id);
    if (grant?.kind === 'embed') wantedEmbeds.add(grant.id);
  }
  const [dashboardRows, userRows, linkRows, embedRows] = await Promise.all([
    wanted.dashboard.size
      ? db
          .select({ id: dashboards.id, title: dashboards.title, deletedAt: dashboards.deletedAt })
          .from(dashboards)
          .where(inArray(dashboards.id, [...wanted.dashboard]))
      : [],
    wanted.user.size
      ? db
          .select({ email: users.email, name: users.name })
          .from(users)
          .where(inArray(users.email, [...wanted.user]))
      : [],
    wanted.link.size
      ? db
          .select({ id: shareLinks.id, label: shareLinks.label, revokedAt: shareLinks.revokedAt })
          .from(shareLinks)
          .where(inArray(shareLinks.id, [...wanted.link]))
      : [],
    wantedEmbeds.size
      ? db
          .select({ id: embeds.id, label: embeds.label, revokedAt: embeds.revokedAt })
          .from(embeds)
          .where(inArray(embeds.id, [...wantedEmbeds]))
      : [],
  ]);
  const dashboardTitles = new Map(
    dashboardRows.map((d) => [d.id, d.deletedAt ? `${d.title} (à la corbeille)` : d.title]),
  );
  const userNames = new Map(userRows.map((u) => [u.email, u.name]));
  const links = new Map(linkRows.map((l) => [l.id, grantLabel(l)]));
  const embedLabels = new Map(embedRows.map((e) => [e.id, grantLabel(e)]));

  const targetLabel = (row: AuditListRow): string | null => {
    if (!row.target) return null;
    switch (targetKind(row.action)) {
      case 'dashboard':
        return dashboardTitles.get(row.target) ?? deletedLabel(row.target);
      case 'dataset':
        return catalogue.get(row.target)?.title ?? deletedLabel(row.target);
      // An e-mail reads well as it is; the name is added when the account exists.
      case 'user':
        return userNames.has(row.target) ? `${userNames.get(row.target)} (${row.target})` : row.target;
      default:
        return row.target;
    }
  };
  return rows.map((row) => {
    const grant = grantOf(row);
    const labels = grant?.kind === 'link' ? links : embedLabels;
    return {
      ...row,
      at: row.at.toISOString(),
      targetLabel: targetLabel(row),
      grantLabel: grant ? (labels.get(grant.id) ?? deletedLabel(grant.id)) : null,
    };
  });
}
