import { DataTable, tableFromResult } from '@dataetat/widgets/react';
import { useMemo } from 'react';
import { useWidgetQuery } from '../api/hooks.ts';
import type { QueryResult, QuerySpec } from '../api/types.ts';

import { WidgetFrame } from './WidgetFrame.tsx';

interface QueryTableProps {
  readonly id: string;
  readonly title: string;
  readonly query: QuerySpec;
}

/** A table fed by a query: labels instead of codes, French numbers, a totals row. */
export function QueryTable({ id, title, query }: QueryTableProps) {
  const state = useWidgetQuery(query);
  return (
    <WidgetFrame id={id} title={title} state={state} placeholderHeight={240}>
      {(result) => <TableBody result={result} title={title} />}
    </WidgetFrame>
  );
}

function TableBody({ result, title }: { result: QueryResult; title: string }) {
  const table = useMemo(() => tableFromResult(result), [result]);
  return <DataTable className="fr-table fr-table--no-caption" caption={title} captionHidden {...table} />;
}
