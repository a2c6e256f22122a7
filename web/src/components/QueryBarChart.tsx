import { BarChart, barFromResult, DataTable, tableFromResult } from '@dataetat/widgets/react';
import { useMemo } from 'react';
import { useWidgetQuery } from '../api/hooks.ts';
import type { QueryResult, QuerySpec } from '../api/types.ts';

import { WidgetFrame } from './WidgetFrame.tsx';

interface QueryBarChartProps {
  readonly id: string;
  readonly title: string;
  readonly query: QuerySpec;
  readonly horizontal?: boolean;
}

/** A bar chart fed by a query, with its data as a table for those who cannot see the chart. */
export function QueryBarChart({ id, title, query, horizontal }: QueryBarChartProps) {
  const state = useWidgetQuery(query);
  return (
    <WidgetFrame id={id} title={title} state={state}>
      {(result) => <BarBody result={result} title={title} horizontal={horizontal} />}
    </WidgetFrame>
  );
}

function BarBody({
  result,
  title,
  horizontal,
}: {
  result: QueryResult;
  title: string;
  horizontal?: boolean;
}) {
  const bar = useMemo(() => barFromResult(result), [result]);
  const table = useMemo(() => tableFromResult(result), [result]);
  const height = horizontal ? Math.max(240, bar.categories.length * 36) : 320;
  return (
    <>
      <BarChart {...bar} ariaLabel={title} height={height} horizontal={horizontal} />
      <details className="fr-mt-2w">
        <summary>Voir les données du graphique en tableau</summary>
        <DataTable
          className="fr-table fr-table--no-caption fr-mt-1w"
          caption={title}
          captionHidden
          {...table}
        />
      </details>
    </>
  );
}
