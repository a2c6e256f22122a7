/**
 * `validateDashboard(json, catalogue)`: migrate → structure (TypeBox) → rules the schema cannot
 * say (unique ids, a layout placing every widget once inside the 12 columns, filter defaults by
 * kind) → every widget query planned against the catalogue exactly as the query service would
 * (unknown dataset or field, operator, values) → the widget's type fits its query (measures,
 * dimensions and their types) → options checked against the type's schema (unknown option, wrong
 * value, a measure or dimension the query does not have). Pure: the server uses it on every
 * write, dashboards/ in CI, the CLI before importing.
 */
import type { Catalogue } from '../catalogue/types.ts';
import { buildPlan } from '../compiler/plan.ts';
import { SpecError } from '../spec/errors.ts';
import { scanJsonValue } from '../spec/jsonScan.ts';
import { JSON_LIMITS, OPTIONS_LIMITS } from '../spec/limits.ts';
import type { QuerySpec } from '../spec/types.ts';
import { validateSpecShape } from '../spec/validate.ts';
import { validationReason } from '../validation/reason.ts';
import { checkOptions } from '../widget/options.ts';
import { fittingWidgetTypes, WIDGET_TYPE_INFO } from '../widget/registry.ts';
import type { QueryShape } from '../widget/types.ts';
import { DashboardError, type DashboardIssue, issue } from './errors.ts';
import { migrateDashboard } from './migrate.ts';
import { dashboardDefinitionValidator } from './schema.ts';
import {
  type DashboardDefinition,
  type DashboardLayoutItem,
  GRID_COLUMNS,
  TERRITOIRE_LEVELS,
} from './types.ts';

export interface ValidateDashboardOptions {
  /** Named at the start of every message (a file name: `dashboards/financements.json`). */
  readonly source?: string;
}

export type DashboardValidation =
  | { readonly ok: true; readonly dashboard: DashboardDefinition }
  | { readonly ok: false; readonly issues: readonly DashboardIssue[] };

type Context = { readonly source?: string | undefined };

export function validateDashboard(
  json: unknown,
  catalogue: Catalogue,
  options: ValidateDashboardOptions = {},
): DashboardValidation {
  const ctx: Context = { source: options.source };
  // Bounds first (depth, size, texts without NUL or lone surrogates): the steps below walk it.
  const fault = scanJsonValue(json, JSON_LIMITS);
  if (fault) return { ok: false, issues: [issue('DASHBOARD_SHAPE', fault.path, fault.reason, ctx)] };
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateDashboard(json, options);
  } catch (error) {
    if (error instanceof DashboardError) return { ok: false, issues: error.issues };
    throw error;
  }
  if (!dashboardDefinitionValidator.Check(migrated)) {
    const { path, reason } = validationReason(dashboardDefinitionValidator.Errors(migrated));
    return {
      ok: false,
      issues: [issue('DASHBOARD_SHAPE', path, reason, { ...ctx, widgetId: widgetAt(migrated, path) })],
    };
  }
  const dashboard = migrated as unknown as DashboardDefinition;
  const issues = [
    ...checkIds(dashboard, ctx),
    ...checkLayout(dashboard, ctx),
    ...checkFilters(dashboard, ctx),
    ...dashboard.widgets.flatMap((widget, index) => checkWidget(widget, index, catalogue, ctx)),
  ];
  return issues.length === 0 ? { ok: true, dashboard } : { ok: false, issues };
}

/** Same, throwing a DashboardError with every issue. */
export function assertValidDashboard(
  json: unknown,
  catalogue: Catalogue,
  options: ValidateDashboardOptions = {},
): DashboardDefinition {
  const result = validateDashboard(json, catalogue, options);
  if (!result.ok) throw new DashboardError(result.issues);
  return result.dashboard;
}

/** Id of the widget a shape error points into, so the message can name it. */
function widgetAt(json: Record<string, unknown>, path: string): string | undefined {
  const match = /^\/widgets\/(\d+)/.exec(path);
  if (!match) return undefined;
  const widgets = json.widgets;
  const widget = Array.isArray(widgets) ? (widgets[Number(match[1])] as unknown) : undefined;
  const id = typeof widget === 'object' && widget !== null ? (widget as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function checkIds(dashboard: DashboardDefinition, ctx: Context): DashboardIssue[] {
  const issues: DashboardIssue[] = [];
  const seen = (items: readonly { readonly id: string }[], base: string, what: string) => {
    const ids = new Set<string>();
    items.forEach((item, index) => {
      if (ids.has(item.id)) {
        issues.push(
          issue(
            'DASHBOARD_DUPLICATE_ID',
            `${base}/${index}/id`,
            `l’identifiant « ${item.id} » est déjà pris par ${what}`,
            ctx,
          ),
        );
      }
      ids.add(item.id);
    });
  };
  seen(dashboard.widgets, '/widgets', 'un autre widget');
  seen(dashboard.filters, '/filters', 'un autre filtre');
  return issues;
}

function overlaps(a: DashboardLayoutItem, b: DashboardLayoutItem): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function checkLayout(dashboard: DashboardDefinition, ctx: Context): DashboardIssue[] {
  const issues: DashboardIssue[] = [];
  const widgetIds = new Set(dashboard.widgets.map((w) => w.id));
  const placed = new Map<string, number>();
  dashboard.layout.forEach((item, index) => {
    const path = `/layout/${index}`;
    const at = { ...ctx, widgetId: item.i };
    if (!widgetIds.has(item.i)) {
      issues.push(
        issue('DASHBOARD_LAYOUT', `${path}/i`, `aucun widget ne porte l’identifiant « ${item.i} »`, at),
      );
    } else if (placed.has(item.i)) {
      issues.push(issue('DASHBOARD_LAYOUT', `${path}/i`, 'ce widget est placé deux fois dans la grille', at));
    }
    placed.set(item.i, index);
    if (item.x + item.w > GRID_COLUMNS) {
      issues.push(
        issue(
          'DASHBOARD_LAYOUT',
          `${path}/w`,
          `le widget dépasse la grille de ${GRID_COLUMNS} colonnes (x ${item.x} + largeur ${item.w} > ${GRID_COLUMNS})`,
          at,
        ),
      );
    }
    dashboard.layout.slice(0, index).forEach((other) => {
      if (other.i !== item.i && overlaps(item, other)) {
        issues.push(issue('DASHBOARD_LAYOUT', path, `ce widget chevauche le widget « ${other.i} »`, at));
      }
    });
  });
  dashboard.widgets.forEach((widget, index) => {
    if (!placed.has(widget.id)) {
      issues.push(
        issue('DASHBOARD_LAYOUT', `/widgets/${index}`, 'ce widget n’est pas placé dans la grille (layout)', {
          ...ctx,
          widgetId: widget.id,
        }),
      );
    }
  });
  return issues;
}

const isYear = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2200;
const isCode = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 200;

function checkFilters(dashboard: DashboardDefinition, ctx: Context): DashboardIssue[] {
  return dashboard.filters.flatMap((filter, index) => {
    const value: unknown = filter.default;
    if (value === undefined) return [];
    const path = `/filters/${index}/default`;
    let reason: string | null = null;
    if (filter.kind === 'annee') {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isYear)) {
        reason = 'une liste non vide d’années (entiers, ex. [2023, 2024]) est attendue';
      }
    } else if (filter.kind === 'territoire') {
      const t = value as Record<string, unknown>;
      const keys =
        typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(t) : null;
      if (
        !keys ||
        keys.some((k) => k !== 'level' && k !== 'code' && k !== 'label') ||
        !(TERRITOIRE_LEVELS as readonly unknown[]).includes(t.level) ||
        !isCode(t.code) ||
        typeof t.label !== 'string'
      ) {
        reason = `un territoire { level (${TERRITOIRE_LEVELS.join(', ')}), code, label } est attendu`;
      }
    } else if (!Array.isArray(value) || value.length === 0 || value.length > 1000 || !value.every(isCode)) {
      reason = 'une liste non vide de codes (textes) est attendue';
    }
    return reason
      ? [
          issue(
            'DASHBOARD_FILTER',
            path,
            `valeur par défaut invalide pour le filtre « ${filter.id} » : ${reason}`,
            ctx,
          ),
        ]
      : [];
  });
}

function checkWidget(
  widget: DashboardDefinition['widgets'][number],
  index: number,
  catalogue: Catalogue,
  ctx: Context,
): DashboardIssue[] {
  const base = `/widgets/${index}`;
  const at = { ...ctx, widgetId: widget.id };
  const fault = scanJsonValue(widget.options, OPTIONS_LIMITS, `${base}/options`);
  if (fault) return [issue('DASHBOARD_SHAPE', fault.path, `option invalide, ${fault.reason}`, at)];
  if (widget.type === 'text') {
    return widget.query === null
      ? checkTypeOptions(widget, { measures: [], dimensions: [] }, base, at)
      : [issue('DASHBOARD_SHAPE', `${base}/query`, 'un widget texte n’a pas de requête (null attendu)', at)];
  }
  if (widget.query === null || widget.query === undefined) {
    return [
      issue('DASHBOARD_SHAPE', `${base}/query`, `un widget « ${widget.type} » a besoin d’une requête`, at),
    ];
  }
  let query: QuerySpec;
  let shape: QueryShape;
  try {
    query = validateSpecShape(widget.query);
    // The security context does not matter here: only the spec's own names and values are checked.
    const plan = buildPlan(query, catalogue, { scope: 'NAT' }, { maxLimit: Number.MAX_SAFE_INTEGER });
    shape = {
      measures: plan.measures.length,
      dimensions: plan.dimensions.map((d) => ({
        id: d.id,
        type: d.type,
        ...(d.level ? { level: d.level } : {}),
      })),
    };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const details = error.details ?? {};
    const field =
      typeof details.field === 'string'
        ? details.field
        : typeof details.dataset === 'string'
          ? details.dataset
          : undefined;
    return [
      issue('DASHBOARD_WIDGET_QUERY', `${base}/query${error.path}`, lowerFirst(error.message), {
        ...at,
        field,
        specCode: error.code,
      }),
    ];
  }
  return [
    ...checkFit(widget.type, shape, base, at),
    ...checkTypeOptions(widget, { measures: query.measures, dimensions: query.dimensions ?? [] }, base, at),
  ];
}

/** The widget's type must be able to show its query (a map needs a territory or coordinates…). */
function checkFit(
  type: DashboardDefinition['widgets'][number]['type'],
  shape: QueryShape,
  base: string,
  at: Context & { readonly widgetId: string },
): DashboardIssue[] {
  const definition = WIDGET_TYPE_INFO[type];
  if (definition.fits(shape)) return [];
  const fitting = fittingWidgetTypes(shape).map((t) => `« ${WIDGET_TYPE_INFO[t].label} »`);
  const n = shape.measures;
  const d = shape.dimensions;
  const what = [
    n === 0 ? 'aucune mesure' : `${n} mesure${n > 1 ? 's' : ''}`,
    d.length === 0
      ? 'aucune dimension'
      : `dimension${d.length > 1 ? 's' : ''} ${d.map((x) => `${x.id} (${x.type})`).join(', ')}`,
  ].join(', ');
  return [
    issue(
      'DASHBOARD_WIDGET_TYPE',
      `${base}/type`,
      `le type « ${definition.label} » ne peut pas montrer cette requête (${what}) ; ` +
        `types possibles : ${fitting.join(', ') || 'aucun'}`,
      at,
    ),
  ];
}

/** Options checked against the type's schema, field ids against the query. */
function checkTypeOptions(
  widget: DashboardDefinition['widgets'][number],
  fields: { readonly measures: readonly string[]; readonly dimensions: readonly string[] },
  base: string,
  at: Context & { readonly widgetId: string },
): DashboardIssue[] {
  const definition = WIDGET_TYPE_INFO[widget.type];
  return checkOptions(definition.options, widget.options, fields).map((problem) =>
    issue('DASHBOARD_WIDGET_OPTION', `${base}/options${problem.path}`, problem.reason, {
      ...at,
      field: problem.field,
    }),
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
