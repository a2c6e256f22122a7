import type { DatasetSummary, QuerySpec } from './api/types.ts';

/** A widget shown on a dataset's page. */
export interface ShowcaseWidget {
  readonly id: string;
  readonly kind: 'bar' | 'table';
  readonly title: string;
  readonly query: QuerySpec;
  /** Horizontal bars, for long category labels. */
  readonly horizontal?: boolean;
}

/** Hand-picked widgets for the datasets that have them. */
const SHOWCASES: Readonly<Record<string, readonly ShowcaseWidget[]>> = {
  dotations_investissement: [
    {
      id: 'par-dotation',
      kind: 'bar',
      title: 'Montant accordé par dotation',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['dotation'],
        sort: [{ field: 'montant_subvention', dir: 'desc' }],
      },
    },
    {
      id: 'par-region',
      kind: 'table',
      title: 'Par région',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention', 'cout_total', 'nb_projets'],
        dimensions: ['region'],
        sort: [{ field: 'montant_subvention', dir: 'desc' }],
        totals: true,
      },
    },
  ],
};

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The widgets of a dataset's page: its showcase, or by default its first measure by its first
 * dimension (bars) and every measure by région — or the first dimension — (table with totals).
 */
export function showcaseFor(dataset: DatasetSummary): readonly ShowcaseWidget[] {
  const curated = SHOWCASES[dataset.id];
  if (curated) return curated;
  const measure = dataset.measures[0];
  const first = dataset.dimensions[0];
  if (!measure || !first) return [];
  const byTable = dataset.dimensions.find((d) => d.id === 'region') ?? first;
  return [
    {
      id: 'graphique',
      kind: 'bar',
      title: `${measure.label} par ${lower(first.label)}`,
      horizontal: true,
      query: {
        dataset: dataset.id,
        measures: [measure.id],
        dimensions: [first.id],
        sort: [{ field: measure.id, dir: 'desc' }],
        limit: 20,
      },
    },
    {
      id: 'tableau',
      kind: 'table',
      title: `Par ${lower(byTable.label)}`,
      query: {
        dataset: dataset.id,
        measures: dataset.measures.map((m) => m.id),
        dimensions: [byTable.id],
        sort: [{ field: measure.id, dir: 'desc' }],
        limit: 100,
        totals: true,
      },
    },
  ];
}
