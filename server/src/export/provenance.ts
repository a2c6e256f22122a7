/**
 * What an exported file says about itself (the XLSX « Source » sheet): dataset, source, licence,
 * data date, demo flag, filters applied — the spec's and the ones the server added — and when.
 */
import type { DatasetDefinition, FilterSpec } from '@dataetat/widgets';
import type { ValueLabels } from '../query/field-values.ts';
import type { ExportSource } from './rows.ts';

const OPERATOR_TEXT: Record<FilterSpec['op'], string> = {
  eq: 'égal à',
  neq: 'différent de',
  in: 'parmi',
  not_in: 'hors de',
  between: 'entre',
  gt: 'supérieur à',
  gte: 'supérieur ou égal à',
  lt: 'inférieur à',
  lte: 'inférieur ou égal à',
  contains: 'contient',
  starts_with: 'commence par',
  is_null: 'non renseigné',
  not_null: 'renseigné',
  last_n_years: 'dans les dernières années :',
};

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** « Département égal à « Ille-et-Vilaine (35) » »: codes with their label when it is known. */
export function describeFilter(
  filter: FilterSpec,
  dataset: DatasetDefinition,
  labels: ValueLabels = new Map(),
): string {
  const field = dataset.dimensions.find((d) => d.id === filter.field)?.label ?? filter.field;
  const labelOf = labels.get(filter.field);
  const values = (filter.values ?? []).map((v) => {
    const label = labelOf?.get(String(v));
    return label && label !== String(v) ? `« ${label} (${String(v)}) »` : `« ${String(v)} »`;
  });
  const list = filter.op === 'between' ? values.join(' et ') : values.join(', ');
  return `${field} ${OPERATOR_TEXT[filter.op]}${list ? ` ${list}` : ''}`;
}

/** The filters an export applied: the spec's, then those the server added (locked). */
export function exportFilters(source: Pick<ExportSource, 'spec' | 'context'>): FilterSpec[] {
  return [...(source.spec.filters ?? []), ...(source.context.lockedFilters ?? [])];
}

/** [heading, value] lines, in reading order. */
export function provenanceLines(source: ExportSource, exportedAt: Date): [string, string][] {
  const { dataset, load, context, progress } = source;
  const filters = exportFilters(source).map((f) => describeFilter(f, dataset, source.labels));
  const region = context.scope === 'NAT' ? undefined : source.labels.get('region')?.get(context.scope);
  const lines: [string, string][] = [
    ['Jeu de données', dataset.title],
    ['Description', dataset.description],
    ['Source', dataset.source.name],
    ['Licence', dataset.source.licence],
  ];
  if (dataset.source.url) lines.push(['Adresse de la source', dataset.source.url]);
  lines.push(
    ['Date des données', load.finishedAt ? dateTime.format(load.finishedAt) : 'inconnue'],
    [
      'Données de démonstration',
      source.demo ? 'oui — données synthétiques, à ne pas utiliser pour décider' : 'non',
    ],
    ['Filtres appliqués', filters.length > 0 ? filters.join(' ; ') : 'aucun'],
    [
      'Périmètre',
      context.scope === 'NAT'
        ? 'national'
        : region
          ? `${region} (région ${context.scope})`
          : `région ${context.scope}`,
    ],
    ['Lignes exportées', String(progress.detailRows)],
  );
  if (progress.truncated) {
    lines.push([
      'Export limité',
      `Seules les ${progress.detailRows} premières lignes sont exportées : ajoutez des filtres pour obtenir le reste.`,
    ]);
  }
  lines.push(['Date de l’export', dateTime.format(exportedAt)]);
  return lines;
}

/** `dotations_investissement-2026-11-29.xlsx`: dataset id and the export day in Paris. */
export function exportFileName(datasetId: string, format: 'csv' | 'xlsx', at: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);
  return `${datasetId.replace(/[^\w-]/g, '_')}-${day}.${format}`;
}
