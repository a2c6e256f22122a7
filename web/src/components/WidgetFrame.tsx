import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatDate } from '@dataetat/widgets/react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import type { QueryResult } from '../api/types.ts';
import { Loading } from './Loading.tsx';

export interface WidgetFrameProps {
  readonly id: string;
  readonly title: string;
  /** Query state, as react-query gives it. */
  readonly state: {
    readonly data: QueryResult | undefined;
    readonly error: Error | null;
    readonly isPending: boolean;
    readonly isFetching: boolean;
    readonly refetch: () => unknown;
  };
  /** Height kept while loading, so the page does not jump. */
  readonly placeholderHeight?: number;
  /** The renderer, called only with a non-empty result. */
  readonly children: (result: QueryResult) => ReactNode;
}

/**
 * What every widget has around its renderer (DESIGN §6): a title, loading / error / empty
 * states, and its provenance (source, data date, demonstration data).
 */
export function WidgetFrame({ id, title, state, placeholderHeight = 320, children }: WidgetFrameProps) {
  const titleId = `${id}-titre`;
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={state.isFetching}
      className="fr-p-3w fr-mb-4w"
      style={{ border: '1px solid var(--border-default-grey)' }}
      data-testid={`widget-${id}`}
    >
      <h2 id={titleId} className="fr-h4">
        {title}
      </h2>
      <WidgetBody state={state} placeholderHeight={placeholderHeight}>
        {children}
      </WidgetBody>
      {state.data && <Provenance meta={state.data.meta} />}
    </section>
  );
}

function WidgetBody({
  state,
  placeholderHeight,
  children,
}: Pick<WidgetFrameProps, 'state' | 'placeholderHeight' | 'children'>) {
  if (state.isPending) return <Loading height={placeholderHeight} />;
  if (state.error) {
    const message =
      state.error instanceof ApiError ? state.error.message : 'Une erreur inattendue est survenue.';
    return (
      <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
        <p>Impossible d'afficher ces données : {message}</p>
        <Button size="small" priority="secondary" className="fr-mt-1w" onClick={() => state.refetch()}>
          Réessayer
        </Button>
      </div>
    );
  }
  if (!state.data || state.data.rows.length === 0) {
    return (
      <div className="fr-callout fr-mb-2w">
        <p className="fr-callout__text">
          Aucune donnée pour cette sélection. Élargissez les filtres ou choisissez une autre mesure.
        </p>
      </div>
    );
  }
  return (
    <>
      {children(state.data)}
      {state.data.meta.truncated && (
        <p className="fr-text--xs fr-mt-1w">
          Seules les {state.data.meta.rowCount} premières lignes sont affichées.
        </p>
      )}
    </>
  );
}

function Provenance({ meta }: { meta: QueryResult['meta'] }) {
  const date = formatDate(meta.updatedAt);
  return (
    <p className="fr-text--xs fr-mb-0 fr-mt-2w" style={{ color: 'var(--text-mention-grey)' }}>
      Source : {meta.source}
      {date ? ` — données au ${date}` : ''}
      {meta.demo && (
        <Badge as="span" small severity="warning" className="fr-ml-1w">
          Données de démonstration
        </Badge>
      )}
    </p>
  );
}
