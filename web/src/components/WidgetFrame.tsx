import {
  type WidgetDefinition,
  WidgetFrame,
  type WidgetFrameProps,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { ApiError } from '../api/client.ts';
import { useLiveQuery } from '../api/hooks.ts';

export interface QueryWidgetProps {
  readonly widget: WidgetDefinition;
  readonly headingLevel?: WidgetFrameProps['headingLevel'];
  readonly height?: number;
  readonly onSelect?: (selection: WidgetSelection) => void;
  readonly selection?: WidgetSelection | null;
  /** A custom body instead of the type's renderer (see `WidgetFrame`). */
  readonly renderBody?: WidgetFrameProps['renderBody'];
}

/** The server's French message, or a generic one for anything else (never an English stack). */
function errorMessage(error: Error): string {
  return error instanceof ApiError ? error.message : 'Une erreur inattendue est survenue.';
}

/**
 * A widget fed by its own query: runs `widget.query` (react-query, previous result kept while a
 * new one loads) and hands the data state to the shared frame of `@dataetat/widgets`.
 */
export function QueryWidget({ widget, ...rest }: QueryWidgetProps) {
  const state = useLiveQuery(widget.query);
  const status =
    widget.query === null ? 'success' : state.isError ? 'error' : state.data ? 'success' : 'loading';
  return (
    <WidgetFrame
      widget={widget}
      result={state.data ?? null}
      status={status}
      error={state.error ? errorMessage(state.error) : null}
      isRefreshing={state.isFetching && !!state.data}
      onRetry={() => void state.refetch()}
      {...rest}
    />
  );
}
