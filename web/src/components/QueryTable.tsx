import { DataTable, tableFromResult } from '@dataetat/widgets/react';
import type { QueryResult, QuerySpec } from '../api/types.ts';
import { QueryWidget } from './WidgetFrame.tsx';

interface QueryTableProps {
  readonly id: string;
  readonly title: string;
  readonly query: QuerySpec;
}

/** A table fed by a query: labels instead of codes, French numbers, a totals row. */
export function QueryTable({ id, title, query }: QueryTableProps) {
  return (
    <div className="fr-mb-4w">
      <QueryWidget
        widget={{ id, type: 'table', title, query, options: {} }}
        renderBody={(result) => <TableBody result={result} title={title} />}
      />
    </div>
  );
}

function TableBody({ result, title }: { result: QueryResult; title: string }) {
  return (
    <DataTable
      className="fr-table fr-table--no-caption fr-mb-0"
      caption={title}
      captionHidden
      {...tableFromResult(result)}
    />
  );
}
