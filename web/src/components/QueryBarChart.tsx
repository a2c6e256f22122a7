import type { QuerySpec } from '../api/types.ts';
import { QueryWidget } from './WidgetFrame.tsx';

interface QueryBarChartProps {
  readonly id: string;
  readonly title: string;
  readonly query: QuerySpec;
  readonly horizontal?: boolean;
}

/** A bar chart fed by a query; the frame offers its data as a table and the exports. */
export function QueryBarChart({ id, title, query, horizontal }: QueryBarChartProps) {
  return (
    <div className="fr-mb-4w">
      <QueryWidget
        widget={{
          id,
          type: 'bar',
          title,
          query,
          options: { orientation: horizontal ? 'horizontal' : 'auto' },
        }}
      />
    </div>
  );
}
