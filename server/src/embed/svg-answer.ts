/**
 * `GET /embed/<token>.svg[?width=&height=]`: the embedded widget as a picture, for pages that
 * allow neither scripts nor frames. The token opens the embed exactly as the API does
 * (`resolveEmbed` + `openGrant`: signature, row, revocation, expiry, the creator's rights now,
 * locked filters in the security context); the widget's own query runs with the dashboard's
 * default filters, as the embedded widget first shows it. Refusals are small SVG pictures with
 * the French message, so an `<img>` shows why it is empty.
 */
import {
  applyDashboardFilters,
  defaultFilterValues,
  formatDate,
  type QuerySpec,
  shapeQuery,
  type WidgetDefinition,
} from '@dataetat/widgets';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { yearsCovered } from '../catalogue/period.ts';
import { AppError } from '../errors.ts';
import { describeFilter } from '../export/provenance.ts';
import { filterValueLabels } from '../query/field-values.ts';
import { type GrantDeps, openGrant, resolveEmbed } from '../sharing/grant-context.ts';
import { grantedDefinition } from '../sharing/granted.ts';
import type { SharingRepository } from '../sharing/repository.ts';
import type { EmbedTokens } from '../sharing/tokens.ts';
import { errorSvg, isPicturable, renderWidgetSvg } from './svg.ts';

/** The picture holds no script, loads nothing and is never kept: revocation acts at once. */
function pictureHeaders(reply: FastifyReply): void {
  reply
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .header('x-content-type-options', 'nosniff')
    .removeHeader('x-frame-options')
    .type('image/svg+xml; charset=utf-8');
}

/** `?width=&height=` as numbers (clamped by the renderer); anything else is the default size. */
function requestedSize(request: FastifyRequest): { width?: number; height?: number } {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const read = (value: unknown) =>
    typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : undefined;
  const width = read(query.width);
  const height = read(query.height);
  return { ...(width !== undefined && { width }), ...(height !== undefined && { height }) };
}

export interface EmbedSvgDeps {
  readonly sharing: Pick<SharingRepository, 'embedById' | 'recordView'>;
  readonly tokens: Pick<EmbedTokens, 'verify'>;
  readonly grants: GrantDeps;
}

/** Answers the picture of the embed `token` (without its `.svg`). */
export async function answerEmbedSvg(
  app: FastifyInstance,
  deps: EmbedSvgDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<FastifyReply> {
  pictureHeaders(reply);
  const size = requestedSize(request);
  try {
    const grant = await resolveEmbed(deps.sharing, deps.tokens, token, deps.grants.opened);
    const view = await openGrant(deps.grants, grant, request.identity);
    if (grant.widgetId === null) throw new AppError('EMBED_SVG_DASHBOARD');
    const definition = grantedDefinition(view);
    const widget = definition.widgets.find((w) => w.id === grant.widgetId) as WidgetDefinition | undefined;
    if (!widget) throw new AppError('GRANT_NOT_FOUND');
    if (!isPicturable(widget.type)) throw new AppError('EMBED_SVG_UNSUPPORTED', {}, { type: widget.type });
    // The widget's dataset with its years, as the embed's page has it: a default year filter
    // outside them is left out here too (the picture and the page show the same figure).
    const shown = widget.query ? app.services.catalogue.get(widget.query.dataset) : undefined;
    const catalogue = shown ? [{ ...shown, years: await yearsCovered(shown, app.services.queries) }] : [];
    const filtered = applyDashboardFilters(widget.query, defaultFilterValues(definition), catalogue).query;
    const query: QuerySpec | null = filtered ? shapeQuery(widget, filtered) : null;
    const result = query ? await app.services.queries.run(query, view.context) : null;
    await deps.sharing.recordView('embed', grant.id);
    const dataset = query ? app.services.catalogue.get(query.dataset) : undefined;
    const labels = dataset
      ? await filterValueLabels(app.services.queries, dataset, grant.lockedFilters, view.context)
      : new Map();
    const locked = dataset ? grant.lockedFilters.map((f) => describeFilter(f, dataset, labels)) : [];
    return reply.send(
      renderWidgetSvg(widget, result, {
        source: result?.meta.source ?? '',
        dataDate: formatDate(result?.meta.updatedAt) ?? null,
        ...size,
        ...(locked.length > 0 && { filters: `Filtres verrouillés : ${locked.join(' ; ')}` }),
      }),
    );
  } catch (error) {
    // A refusal as a picture an <img> can show; an unexpected fault is logged and said plainly.
    if (error instanceof AppError && error.status < 500) {
      return reply.status(error.status).send(errorSvg(error.message, size));
    }
    request.log.error({ err: error }, 'embed svg');
    const status = error instanceof AppError ? error.status : 500;
    const message = error instanceof AppError ? error.message : new AppError('INTERNAL').message;
    return reply.status(status).send(errorSvg(message, size));
  }
}
