/**
 * « Ajouter à un tableau de bord » from the explorer: the widget as built goes into a dashboard
 * the agent may edit, through the same API the editor saves with. An existing dashboard is read,
 * the widget appended, and the result saved with the version read (optimistic concurrency): if
 * someone saved in between (409), the dashboard is read again and the widget appended to their
 * version, once; a second conflict is reported rather than retried forever. A new dashboard is
 * created already holding the widget (one request: nothing half-made).
 */
import { ARRAY_LIMITS } from '@dataetat/widgets';
import type { WidgetDefinition } from '@dataetat/widgets/react';
import { ApiError } from '../api/client.ts';
import {
  createDashboard,
  type Dashboard,
  type DashboardSummary,
  emptyDefinition,
  fetchDashboard,
  saveDashboard,
} from '../api/dashboards.ts';
import { appendWidget } from '../dashboards/appendWidget.ts';

export type AddTarget =
  | { readonly kind: 'existing'; readonly id: string }
  | { readonly kind: 'new'; readonly title: string };

/** Where the widget went: the dashboard and the widget's id in it. */
export interface AddedWidget {
  readonly dashboard: Dashboard;
  readonly widgetId: string;
}

/** The dashboards a widget can be added to: the agent's own and those shared with them to edit. */
export function editableDashboards(lists: {
  readonly mine: readonly DashboardSummary[];
  readonly shared: readonly DashboardSummary[];
}): DashboardSummary[] {
  return [...lists.mine, ...lists.shared.filter((d) => d.permission === 'edit')].filter(
    (d) => !d.isReference && d.deletedAt === undefined,
  );
}

/** Both conflicts of a row lost: the French message the dialog shows. */
export const conflictTwiceMessage = (title: string) =>
  `« ${title} » a été modifié par quelqu’un d’autre pendant l’ajout, deux fois de suite : la visualisation n’a pas été ajoutée. Réessayez dans un instant ; elle reste dans l’explorateur.`;

const fullMessage = (title: string) =>
  `« ${title} » contient déjà ${ARRAY_LIMITS.widgets} visualisations, le maximum : retirez-en une dans l’éditeur ou choisissez un autre tableau de bord.`;

const versionMessage = (widget: WidgetDefinition) => `Ajout de « ${widget.title} » depuis l’explorateur`;

export async function addWidgetToDashboard(
  target: AddTarget,
  widget: WidgetDefinition,
): Promise<AddedWidget> {
  if (target.kind === 'new') {
    const { definition, id } = appendWidget(emptyDefinition(target.title), widget);
    const dashboard = await createDashboard({ title: target.title, definition });
    return { dashboard, widgetId: id };
  }
  for (let attempt = 1; ; attempt += 1) {
    const current = await fetchDashboard(target.id);
    if (current.definition.widgets.length >= ARRAY_LIMITS.widgets) {
      throw new ApiError(fullMessage(current.title), 400, 'DASHBOARD_FULL');
    }
    const { definition, id } = appendWidget(current.definition, widget);
    try {
      const dashboard = await saveDashboard(target.id, {
        title: current.title,
        description: current.description,
        definition,
        version: current.version,
        message: versionMessage(widget),
      });
      return { dashboard, widgetId: id };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      if (attempt >= 2) throw new ApiError(conflictTwiceMessage(current.title), 409, error.code);
    }
  }
}
