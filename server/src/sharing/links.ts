import type { Catalogue, FilterSpec, SecurityContext, ShareLinkSummary } from '@dataetat/widgets';
import type { Actor, DashboardService } from '../dashboards/service.ts';
import { AppError } from '../errors.ts';
import { checkExpiry, checkLockedFilters, grantWidgets } from './grant-rules.ts';
import type { DashboardLockedLabels } from './locked-labels.ts';
import type { ShareLinkRecord, SharingRepository } from './repository.ts';
import { grantSummary } from './summary.ts';
import { newShareLinkToken } from './tokens.ts';

export interface NewLinkInput {
  readonly label?: string;
  readonly expiresAt?: string | null;
  readonly agentsOnly?: boolean;
  readonly lockedFilters?: readonly FilterSpec[];
}

/** Where a share link opens in the web app. */
export function shareLinkPath(token: string): string {
  return `/s/${token}`;
}

/**
 * Share links of a dashboard, managed by its owner (éditeur) or an admin: created with a
 * token shown once (only its hash is stored), listed without it, revoked at once.
 */
export class ShareLinkService {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly sharing: SharingRepository,
    private readonly catalogue: Catalogue,
    private readonly labels: DashboardLockedLabels,
  ) {}

  /** The links, their locked values named as `context` (the manager's territory) may read them. */
  async list(
    actor: Actor,
    dashboardId: string,
    context: SecurityContext,
    now = new Date(),
  ): Promise<ShareLinkSummary[]> {
    const dashboard = await this.dashboards.shareable(actor, dashboardId);
    const links = await this.sharing.linksOf(dashboardId);
    const labels = await this.labels.of(dashboard, links, context);
    return links.map((l) => grantSummary(l, now, labels));
  }

  async create(
    actor: Actor,
    dashboardId: string,
    input: NewLinkInput,
    context: SecurityContext,
    now = new Date(),
  ): Promise<{ link: ShareLinkSummary; token: string; path: string }> {
    const dashboard = await this.dashboards.shareable(actor, dashboardId);
    const widgets = grantWidgets(this.dashboards.definitionOf(dashboard), null);
    const lockedFilters = checkLockedFilters(input.lockedFilters ?? [], widgets, this.catalogue);
    const expiresAt = checkExpiry(input.expiresAt, now);
    const { token, tokenHash } = newShareLinkToken();
    const link = await this.sharing.createLink({
      dashboardId,
      tokenHash,
      label: input.label?.trim() ?? '',
      createdBy: actor.id,
      expiresAt,
      agentsOnly: input.agentsOnly ?? false,
      lockedFilters,
    });
    const labels = await this.labels.of(dashboard, [link], context);
    return { link: grantSummary(link, now, labels), token, path: shareLinkPath(token) };
  }

  /** Revokes (effective at the next request); returns the link as it now is. */
  async revoke(actor: Actor, linkId: string, now = new Date()): Promise<ShareLinkRecord> {
    const link = await this.sharing.linkById(linkId);
    if (!link) throw new AppError('SHARE_LINK_NOT_FOUND', { id: linkId });
    await this.dashboards.shareable(actor, link.dashboardId, { inTrash: true });
    const revoked = await this.sharing.revokeLink(linkId, now);
    if (!revoked) throw new AppError('SHARE_LINK_NOT_FOUND', { id: linkId });
    return revoked;
  }
}
