import { Component, type ReactNode } from 'react';

interface RenderBoundaryProps {
  readonly children: ReactNode;
}

interface RenderBoundaryState {
  readonly error: Error | null;
}

/**
 * Catches a renderer that fails (its code could not be downloaded, or it threw on odd data) so
 * one broken widget does not blank the whole dashboard; « Réessayer » mounts it again.
 */
export class RenderBoundary extends Component<RenderBoundaryProps, RenderBoundaryState> {
  override state: RenderBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): RenderBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
        <p>
          Cette visualisation n’a pas pu s’afficher. Vérifiez votre connexion puis réessayez ; si le problème
          persiste, choisissez un autre type de graphique.
        </p>
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w"
          onClick={() => this.setState({ error: null })}
        >
          Réessayer
        </button>
      </div>
    );
  }
}
