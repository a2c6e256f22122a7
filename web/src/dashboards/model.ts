/**
 * Dashboard vocabulary for the web pages. The persisted definition, its filters and the rule that
 * applies them to widgets come from the shared module (`@dataetat/widgets`, dashboard/); this file
 * adds the French names the pages show.
 */
import {
  type DashboardFilterKind,
  TERRITOIRE_LEVELS,
  type TerritoireLevel,
  type TerritoireValue,
} from '@dataetat/widgets';

export type {
  DashboardDefinition,
  DashboardFilter,
  DashboardFilterKind,
  DashboardFilterValue,
  DashboardLayoutItem,
} from '@dataetat/widgets';
export type TerritoryLevel = TerritoireLevel;
export type TerritoryValue = TerritoireValue;

export const TERRITORY_LEVELS: readonly TerritoryLevel[] = TERRITOIRE_LEVELS;

export const TERRITORY_LEVEL_LABELS: Record<TerritoryLevel, string> = {
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  commune: 'Commune',
  qpv: 'Quartier prioritaire',
};

/** The five global filters, in the bar's order, with their French names. */
export const FILTER_LABELS: Record<DashboardFilterKind, string> = {
  annee: 'Année',
  territoire: 'Territoire',
  programme: 'Programme',
  beneficiaire: 'Bénéficiaire',
  tags: 'Politique publique',
};

export const isTerritoryLevel = (value: unknown): value is TerritoryLevel =>
  typeof value === 'string' && (TERRITORY_LEVELS as readonly string[]).includes(value);

/** Levels a click on a map drills into: not a quartier prioritaire, the finest (it cross-filters). */
export const isDrillLevel = (value: unknown): value is TerritoryLevel =>
  isTerritoryLevel(value) && value !== 'qpv';
