/**
 * The shapes of `/api/dashboards` answers, shared by the server (which builds them) and the web
 * app (which reads them), so the two cannot drift apart.
 */
import type { DashboardDefinition } from './types.ts';

/** One card of the « Tableaux de bord » page. */
export interface DashboardSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly ownerName: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly isReference: boolean;
  readonly widgetCount: number;
  /** Trash entries only: when it was deleted (restorable for 30 days). */
  readonly deletedAt?: string;
}

export interface DashboardLists {
  readonly mine: readonly DashboardSummary[];
  readonly reference: readonly DashboardSummary[];
  readonly shared: readonly DashboardSummary[];
  readonly trash: readonly DashboardSummary[];
}

export interface DashboardDetail {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly definition: DashboardDefinition;
  readonly version: number;
  readonly isReference: boolean;
  /** `id` null for reference dashboards (owned by nobody, shown as « Data-État »). */
  readonly owner: { readonly id: number | null; readonly name: string };
  readonly canEdit: boolean;
  readonly updatedAt: string;
}

export interface DashboardVersionSummary {
  readonly version: number;
  readonly title: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly message: string | null;
}
