/**
 * Problems found in a dashboard definition. Each names where it is — the file (when known), the
 * widget and a JSON pointer into the definition — so the editor can point at it and a CI run says
 * which file and field to fix.
 */

export type DashboardIssueCode =
  /** Not the expected structure (missing property, wrong type, unknown key…). */
  | 'DASHBOARD_SHAPE'
  /** `schemaVersion` absent, unknown or newer than this code. */
  | 'DASHBOARD_SCHEMA_VERSION'
  /** Two widgets or two filters with the same id. */
  | 'DASHBOARD_DUPLICATE_ID'
  /** A widget missing from the layout or placed twice, an item outside the grid or overlapping. */
  | 'DASHBOARD_LAYOUT'
  /** A filter default that does not fit its kind. */
  | 'DASHBOARD_FILTER'
  /** A widget query the catalogue refuses (unknown dataset or field, bad operator…). */
  | 'DASHBOARD_WIDGET_QUERY'
  /** A widget type that cannot show its query (a pie with two measures, a map without territory…). */
  | 'DASHBOARD_WIDGET_TYPE'
  /** An option its type does not have, a value of the wrong type or out of range, or naming a
   * measure or dimension the query does not have. */
  | 'DASHBOARD_WIDGET_OPTION';

export interface DashboardIssue {
  readonly code: DashboardIssueCode;
  /** JSON pointer into the definition (`/widgets/2/query/dimensions/0`); '' for the whole. */
  readonly path: string;
  /** French, self-contained: says where (file, widget, path) and what is wrong. */
  readonly message: string;
  /** Id of the widget concerned, when there is one. */
  readonly widgetId?: string;
  /** Catalogue field concerned (measure, dimension or dataset id), when there is one. */
  readonly field?: string;
  /** The query error code (`SPEC_UNKNOWN_FIELD`…) behind a DASHBOARD_WIDGET_QUERY. */
  readonly specCode?: string;
}

/** Thrown by `migrateDashboard` and `assertValidDashboard`; carries every issue found. */
export class DashboardError extends Error {
  readonly status = 400 as const;
  readonly code = 'DASHBOARD_INVALID' as const;
  constructor(readonly issues: readonly DashboardIssue[]) {
    super(summarise(issues));
    this.name = 'DashboardError';
  }
}

function summarise(issues: readonly DashboardIssue[]): string {
  const [first] = issues;
  if (!first) return 'Tableau de bord invalide.';
  const more = issues.length - 1;
  return more === 0
    ? first.message
    : `${first.message} (et ${more} autre${more > 1 ? 's' : ''} problème${more > 1 ? 's' : ''})`;
}

/** Where an issue is, in French: « fichier x.json, widget « carte », à /widgets/0/query ». */
export function locate(parts: {
  readonly source?: string | undefined;
  readonly widgetId?: string | undefined;
  readonly path: string;
}): string {
  const where = [
    parts.source ? `${parts.source}` : null,
    parts.widgetId !== undefined ? `widget « ${parts.widgetId} »` : null,
    `emplacement « ${parts.path || '/'} »`,
  ].filter((p): p is string => p !== null);
  return where.join(', ');
}

export function issue(
  code: DashboardIssueCode,
  path: string,
  what: string,
  context: {
    readonly source?: string | undefined;
    readonly widgetId?: string | undefined;
    readonly field?: string | undefined;
    readonly specCode?: string | undefined;
  } = {},
): DashboardIssue {
  return {
    code,
    path,
    message: `${locate({ source: context.source, widgetId: context.widgetId, path })} : ${what}`,
    ...(context.widgetId !== undefined && { widgetId: context.widgetId }),
    ...(context.field !== undefined && { field: context.field }),
    ...(context.specCode !== undefined && { specCode: context.specCode }),
  };
}
