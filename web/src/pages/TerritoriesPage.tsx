import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useDataScope } from '../auth/dataScopeContext.ts';
import type { TerritoryValue } from '../dashboards/model.ts';
import { TerritoryPicker } from '../dashboards/TerritoryPicker.tsx';
import { territoryAddress } from '../dashboards/urlState.ts';

/** The reference dashboard the page opens (dashboards/portrait-financier-territoire.json). */
export const PORTRAIT_DASHBOARD = '/tableaux-de-bord/ref-portrait-financier-territoire';

/**
 * « Portrait d'un territoire »: pick a région, département, EPCI, commune or quartier prioritaire
 * (under its commune, or by its name), then open the portrait dashboard filtered on it. The
 * portrait is an ordinary reference dashboard with the territory in its address, so it is
 * shared, embedded, exported and copied like any other.
 */
export default function TerritoriesPage() {
  const scope = useDataScope();
  const [path, setPath] = useState<TerritoryValue[]>([]);
  const chosen = path.at(-1);
  const mine: TerritoryValue[] | null = scope
    ? [{ level: 'region', code: scope.code, label: scope.label }]
    : null;
  return (
    <>
      <title>Portrait d'un territoire — Data-État</title>
      <h1>Portrait d'un territoire</h1>
      <p className="fr-text--lead">
        Tout ce que l'État et ses opérateurs financent sur un territoire, toutes sources réunies : programmes,
        bénéficiaires, politiques publiques et évolution dans le temps.
      </p>
      {/* The choice and its buttons sit above the picker: its list of results opens and closes
          below without moving them. */}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          {chosen ? (
            <Link className="fr-btn" to={`${PORTRAIT_DASHBOARD}${territoryAddress(path)}`}>
              Voir le portrait : {chosen.label}
            </Link>
          ) : (
            <button type="button" className="fr-btn" disabled>
              Choisissez d'abord un territoire
            </button>
          )}
        </li>
        {mine && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={`${PORTRAIT_DASHBOARD}${territoryAddress(mine)}`}>
              Ma région : {mine[0]?.label}
            </Link>
          </li>
        )}
        {!scope && (
          <li>
            <Link className="fr-btn fr-btn--secondary" to={PORTRAIT_DASHBOARD}>
              La France entière
            </Link>
          </li>
        )}
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          {path.length > 1 && (
            <p className="fr-text--sm fr-mb-1w">
              Chemin : {path.map((t) => t.label).join(' › ')}{' '}
              <button type="button" className="fr-link fr-text--sm" onClick={() => setPath([])}>
                Recommencer
              </button>
            </p>
          )}
          <TerritoryPicker label="Territoire" path={path} onChange={setPath} />
          {chosen?.level === 'qpv' && (
            <div className="fr-notice fr-notice--info fr-mt-2w" data-testid="portrait-qpv-notice">
              <div className="fr-container">
                <div className="fr-notice__body">
                  <p className="fr-notice__title">
                    Au niveau d’un quartier prioritaire, le portrait ne montre que les lignes Chorus placées
                    dans ce quartier (pour leur part) : les autres sources ne disent pas le quartier.
                  </p>
                </div>
              </div>
            </div>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-callout">
            <p className="fr-callout__text fr-text--sm">
              Le portrait est un tableau de bord de référence : filtrez-le (années, politique publique),
              partagez-le par lien, intégrez un de ses graphiques dans un intranet ou copiez-le pour
              l'adapter.
            </p>
            <p className="fr-callout__text fr-text--sm fr-mt-2w">
              Pour un quartier prioritaire, choisissez sa commune puis le niveau « Quartier prioritaire », ou
              cherchez-le directement par son nom ou son code (QP…).
            </p>
          </div>
        </div>
      </div>
    </>
  );
}
