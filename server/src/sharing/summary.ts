import type { LockedLabel, ShareLinkSummary } from '@dataetat/widgets';
import { labelsOfFilters } from './locked-labels.ts';
import { grantStatus, type ShareLinkRecord } from './repository.ts';

/** What a share link and an embed have in common, as stored with their creator's name. */
type GrantRecord = Omit<ShareLinkRecord, 'tokenHash'>;

/**
 * What the « Partager » dialog shows of any grant (link or embed): label, creator, expiry, locked
 * filters with the names of their values (those of `labels` that are its own), views and status
 * at `now`. An embed's summary adds its own fields to these.
 */
export function grantSummary(
  grant: GrantRecord,
  now: Date,
  labels: readonly LockedLabel[],
): ShareLinkSummary {
  const lockedFilters = grant.lockedFilters as ShareLinkSummary['lockedFilters'];
  return {
    id: grant.id,
    dashboardId: grant.dashboardId,
    label: grant.label,
    createdAt: grant.createdAt.toISOString(),
    createdBy: { id: grant.createdBy, name: grant.creatorName },
    expiresAt: grant.expiresAt?.toISOString() ?? null,
    agentsOnly: grant.agentsOnly,
    lockedFilters,
    lockedLabels: labelsOfFilters(labels, lockedFilters),
    viewCount: grant.viewCount,
    lastViewedAt: grant.lastViewedAt?.toISOString() ?? null,
    revokedAt: grant.revokedAt?.toISOString() ?? null,
    status: grantStatus(grant, now),
  };
}
