import { formatInteger } from '@dataetat/widgets';
import { DataTable, tableFromResult } from '@dataetat/widgets/react';
import type { QueryResult, QuerySpec } from '../api/types.ts';
import { QueryWidget, type QueryWidgetProps } from './WidgetFrame.tsx';

interface QueryTableProps {
  readonly id: string;
  readonly title: string;
  readonly query: QuerySpec;
  readonly headingLevel?: QueryWidgetProps['headingLevel'];
}

/**
 * A table fed by a query, every row of the answer in the page (no inner scroll, the page
 * grows): labels instead of codes, French numbers, a totals row.
 */
export function QueryTable({ id, title, query, headingLevel }: QueryTableProps) {
  return (
    <div className="fr-mb-4w">
      <QueryWidget
        widget={{ id, type: 'table', title, query, options: {} }}
        renderBody={(result) => <TableBody result={result} title={title} />}
        {...(headingLevel && { headingLevel })}
      />
    </div>
  );
}

function TableBody({ result, title }: { result: QueryResult; title: string }) {
  return (
    <>
      <DataTable
        className="fr-table fr-table--no-caption fr-mb-0"
        caption={title}
        captionHidden
        {...tableFromResult(result)}
      />
      {result.meta.truncated && (
        // The frame says nothing for tables (a paged one has its pager): this one has none.
        <p className="fr-text--xs fr-mt-1w fr-mb-0" data-testid="truncated">
          Affichage des {formatInteger(result.meta.rowCount)} premières lignes, dans l’ordre choisi. La liste
          complète est dans les données téléchargées (CSV, XLSX).
        </p>
      )}
    </>
  );
}
