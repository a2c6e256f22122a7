import type { Catalogue, EmbedSummary, FilterSpec, LockedLabel, SecurityContext } from '@dataetat/widgets';
import type { Actor, DashboardService } from '../dashboards/service.ts';
import { AppError } from '../errors.ts';
import type { StoredHostFilter } from '../metadata/schema.ts';
import {
  checkExpiry,
  checkHostFilters,
  checkLockedFilters,
  checkOrigins,
  grantWidgets,
} from './grant-rules.ts';
import type { DashboardLockedLabels } from './locked-labels.ts';
import type { EmbedRecord, SharingRepository } from './repository.ts';
import { grantSummary } from './summary.ts';
import type { EmbedTokens } from './tokens.ts';

export interface NewEmbedInput {
  readonly dashboardId: string;
  readonly widgetId?: string | null;
  readonly label?: string;
  readonly lockedFilters?: readonly FilterSpec[];
  readonly hostFilters?: readonly StoredHostFilter[];
  readonly allowedOrigins: readonly string[];
  readonly expiresAt?: string | null;
  readonly agentsOnly?: boolean;
}

/**
 * Embeds of a widget or a whole dashboard, managed by its owner (éditeur) or an admin. The
 * token is signed from the row, so the list shows it again (re-signed each time, identical).
 */
export class EmbedService {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly sharing: SharingRepository,
    private readonly tokens: EmbedTokens,
    private readonly catalogue: Catalogue,
    private readonly labels: DashboardLockedLabels,
  ) {}

  /** The embeds, their locked values named as `context` (the manager's territory) may read them. */
  async list(
    actor: Actor,
    dashboardId: string,
    context: SecurityContext,
    now = new Date(),
  ): Promise<EmbedSummary[]> {
    const dashboard = await this.dashboards.shareable(actor, dashboardId);
    const embeds = await this.sharing.embedsOf(dashboardId);
    const labels = await this.labels.of(dashboard, embeds, context);
    return Promise.all(embeds.map((e) => this.summary(e, now, labels)));
  }

  async create(
    actor: Actor,
    input: NewEmbedInput,
    context: SecurityContext,
    now = new Date(),
  ): Promise<EmbedSummary> {
    const dashboard = await this.dashboards.shareable(actor, input.dashboardId);
    const widgetId = input.widgetId ?? null;
    const widgets = grantWidgets(this.dashboards.definitionOf(dashboard), widgetId);
    const lockedFilters = checkLockedFilters(input.lockedFilters ?? [], widgets, this.catalogue);
    const hostFilters = checkHostFilters(input.hostFilters ?? [], widgets, this.catalogue);
    const allowedOrigins = checkOrigins(input.allowedOrigins);
    const expiresAt = checkExpiry(input.expiresAt, now);
    const embed = await this.sharing.createEmbed({
      dashboardId: dashboard.id,
      widgetId,
      label: input.label?.trim() ?? '',
      createdBy: actor.id,
      expiresAt,
      agentsOnly: input.agentsOnly ?? false,
      lockedFilters,
      hostFilters,
      allowedOrigins,
    });
    return this.summary(embed, now, await this.labels.of(dashboard, [embed], context));
  }

  /** Revokes (effective at the next request: every request reads the row). */
  async revoke(actor: Actor, embedId: string, now = new Date()): Promise<EmbedRecord> {
    const embed = await this.sharing.embedById(embedId);
    if (!embed) throw new AppError('EMBED_NOT_FOUND', { id: embedId });
    await this.dashboards.shareable(actor, embed.dashboardId, { inTrash: true });
    const revoked = await this.sharing.revokeEmbed(embedId, now);
    if (!revoked) throw new AppError('EMBED_NOT_FOUND', { id: embedId });
    return revoked;
  }

  private async summary(
    embed: EmbedRecord,
    now: Date,
    labels: readonly LockedLabel[],
  ): Promise<EmbedSummary> {
    return {
      ...grantSummary(embed, now, labels),
      widgetId: embed.widgetId,
      hostFilters: embed.hostFilters,
      allowedOrigins: embed.allowedOrigins,
      token: await this.tokens.sign(embed),
    };
  }
}
