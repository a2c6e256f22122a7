/**
 * A saved dashboard (DESIGN.md §7): widgets defined once, a 12-column grid layout referring to
 * them by id, and global filters that flow down to every widget whose dataset has the field.
 * Persisted as JSON with a `schemaVersion`; older versions are upgraded by `migrateDashboard`.
 */
import type { WidgetDefinition } from '../widget/types.ts';

/** The schema version this code writes. Older ones are migrated on read (migrate.ts). */
export const DASHBOARD_SCHEMA_VERSION = 1;

/** Width of the layout grid, in columns. */
export const GRID_COLUMNS = 12;

export interface DashboardLayoutItem {
  /** Id of the widget placed here (every widget appears exactly once). */
  readonly i: string;
  /** Column of the left edge, 0–11. */
  readonly x: number;
  /** Row of the top edge, from 0. */
  readonly y: number;
  /** Width in columns, 1–12 (x + w ≤ 12). */
  readonly w: number;
  /** Height in grid rows, from 1. */
  readonly h: number;
}

export const DASHBOARD_FILTER_KINDS = ['annee', 'territoire', 'programme', 'beneficiaire', 'tags'] as const;
export type DashboardFilterKind = (typeof DASHBOARD_FILTER_KINDS)[number];

/**
 * Territory levels, coarsest first, down to the quartiers prioritaires under the commune (a
 * territory filter on a quartier applies to the datasets that know them, the others say it
 * does not apply to them).
 */
export const TERRITOIRE_LEVELS = ['region', 'departement', 'epci', 'commune', 'qpv'] as const;
export type TerritoireLevel = (typeof TERRITOIRE_LEVELS)[number];

/**
 * Levels a map follows the drill down to: every territory level. A quartier is the finest: a
 * click on one cross-filters the other widgets instead of drilling further (a quartier is
 * chosen as a territory from a picker).
 */
export const MAP_LEVELS = TERRITOIRE_LEVELS;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** A chosen territory: applied to the widget dataset's dimension of that geographic level. */
export interface TerritoireValue {
  readonly level: TerritoireLevel;
  /** COG code (`35`, `2A`, `35238`, SIREN of an EPCI). */
  readonly code: string;
  /** Human name, for the filter chip (`Ille-et-Vilaine`). */
  readonly label: string;
}

interface FilterBase<K extends DashboardFilterKind, V> {
  /** Unique within the dashboard. */
  readonly id: string;
  readonly kind: K;
  /** French label above the control (« Année », « Territoire »…). */
  readonly label: string;
  /** Value applied when the dashboard opens; absent = no filtering. */
  readonly default?: V;
}

/**
 * A global filter. Values: years for `annee` (the years kept), one territory for `territoire`,
 * codes for `programme` (`0380`), `beneficiaire` (SIRET / code) and `tags` (`fonds_vert`).
 */
export type DashboardFilter =
  | FilterBase<'annee', readonly number[]>
  | FilterBase<'territoire', TerritoireValue>
  | FilterBase<'programme' | 'beneficiaire' | 'tags', readonly string[]>;

/** The value of a filter while the dashboard is shown (from its default or the reader's choice). */
export type DashboardFilterValue =
  | { readonly id: string; readonly kind: 'annee'; readonly value: readonly number[] }
  | { readonly id: string; readonly kind: 'territoire'; readonly value: TerritoireValue }
  | {
      readonly id: string;
      readonly kind: 'programme' | 'beneficiaire' | 'tags';
      readonly value: readonly string[];
      /** Names of the codes, in the same order, when the page knows them (its chips do). */
      readonly labels?: readonly string[];
    };

export interface DashboardDefinition {
  readonly schemaVersion: typeof DASHBOARD_SCHEMA_VERSION;
  readonly title: string;
  readonly description: string;
  readonly widgets: readonly WidgetDefinition[];
  readonly layout: readonly DashboardLayoutItem[];
  readonly filters: readonly DashboardFilter[];
}

/**
 * What dashboard filters need to know of a dataset: the shape served by GET /api/datasets
 * (a full DatasetDefinition fits too).
 */
export interface DashboardDatasetInfo {
  readonly id: string;
  readonly dimensions: readonly {
    readonly id: string;
    readonly type: string;
    readonly level?: string;
    /** French label (« Programme »): a picture names the filters with it. */
    readonly label?: string;
  }[];
  /** Years the loaded data covers (GET /api/datasets); absent: not known, every year applies. */
  readonly years?: readonly number[];
}
