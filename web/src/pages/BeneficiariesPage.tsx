import { Input } from '@codegouvfr/react-dsfr/Input';
import type { FilterSpec, QuerySpec } from '@dataetat/widgets';
import type { WidgetDefinition } from '@dataetat/widgets/react';
import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useFieldValues } from '../api/hooks.ts';
import { QueryTable } from '../components/QueryTable.tsx';
import { QueryWidget } from '../components/WidgetFrame.tsx';
import { useDebounced } from '../explorer/useDebounced.ts';

/** The cross-source dataset (server/src/catalogue/datasets/financements-publics.ts). */
const DATASET = 'financements_publics';
const REGISTRY = 'https://annuaire-entreprises.data.gouv.fr/entreprise/';

/** An entity: a SIREN (all its establishments) or, without one, the source's own key. */
interface Entity {
  readonly field: 'siren' | 'beneficiaire';
  readonly value: string;
  readonly label: string;
}

const digitsOnly = (text: string) => text.replace(/\s/g, '');

/** A SIRET or SIREN names its legal entity by its first 9 digits; other keys stay as they are. */
export function entityOf(value: string, label: string): Entity {
  const compact = digitsOnly(value);
  if (/^\d{14}$/.test(compact) || /^\d{9}$/.test(compact)) {
    return { field: 'siren', value: compact.slice(0, 9), label };
  }
  return { field: 'beneficiaire', value, label };
}

/** What the page shows of an entity: tables (every row in the page) and the map of its communes. */
type Section =
  | { readonly kind: 'table'; readonly id: string; readonly title: string; readonly query: QuerySpec }
  | { readonly kind: 'map'; readonly widget: WidgetDefinition };

/** The map's height in the page: France's communes stay readable at 390 px as at 1440 px. */
const MAP_HEIGHT = 420;

function sections(entity: Entity): Section[] {
  const filters: FilterSpec[] = [{ field: entity.field, op: 'eq', values: [entity.value] }];
  const query = { dataset: DATASET, filters };
  return [
    {
      kind: 'table',
      id: 'par-source',
      title: 'Totaux par source',
      query: {
        ...query,
        dimensions: ['source'],
        measures: ['montant', 'montant_source', 'nb_lignes'],
        sort: [{ field: 'montant_source', dir: 'desc' }],
        totals: true,
      },
    },
    {
      kind: 'table',
      id: 'par-annee',
      title: 'Par source et par année',
      query: {
        ...query,
        dimensions: ['annee', 'source'],
        measures: ['montant', 'montant_source'],
        sort: [{ field: 'annee', dir: 'desc' }],
      },
    },
    {
      kind: 'map',
      widget: {
        id: 'carte',
        type: 'map',
        title: 'Communes de ses établissements',
        query: { ...query, dimensions: ['commune'], measures: ['montant_source'], limit: 500 },
        options: { classification: 'quantiles', classes: 5 },
      },
    },
    {
      kind: 'table',
      id: 'lignes',
      title: 'Lignes reçues',
      query: {
        ...query,
        dimensions: ['source', 'annee', 'beneficiaire', 'commune', 'objet', 'nature_montant', 'recoupement'],
        measures: ['montant_source'],
        sort: [{ field: 'annee', dir: 'desc' }],
        limit: 200,
      },
    },
  ];
}

function Search({ onChoose }: { onChoose: (entity: Entity) => void }) {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const values = useFieldValues(DATASET, 'beneficiaire', { q: search, limit: 20 }, search.length >= 2);
  const compact = digitsOnly(search);
  const direct = /^\d{9}$/.test(compact) || /^\d{14}$/.test(compact) ? compact : null;
  const listId = useId();
  const shown = search.length >= 2 ? (values.data?.values ?? []) : [];
  return (
    <search className="fr-mb-4w">
      <Input
        label="SIRET, SIREN ou nom du bénéficiaire"
        hintText="Au moins deux caractères ; accents et majuscules indifférents."
        nativeInputProps={{
          type: 'search',
          value: text,
          autoComplete: 'off',
          'aria-controls': listId,
          onChange: (event) => setText(event.target.value),
        }}
      />
      <div id={listId} aria-live="polite">
        {direct && (
          <p>
            <button
              type="button"
              className="fr-btn fr-btn--secondary"
              onClick={() => onChoose(entityOf(direct, `SIREN ${direct.slice(0, 9)}`))}
            >
              Voir le SIREN {direct.slice(0, 9)}
            </button>
          </p>
        )}
        {values.isError && <p className="fr-error-text">La recherche a échoué : {values.error.message}</p>}
        {search.length >= 2 && values.isSuccess && shown.length === 0 && !direct && (
          <p>Aucun bénéficiaire ne correspond à « {search} » dans votre territoire.</p>
        )}
        {shown.length > 0 && (
          <ul
            className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm"
            data-testid="beneficiaires"
          >
            {shown.map((v) => (
              <li key={String(v.value)}>
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary"
                  onClick={() => onChoose(entityOf(String(v.value), v.label ?? String(v.value)))}
                >
                  {v.label ?? String(v.value)} ({String(v.value)})
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </search>
  );
}

/**
 * « Bénéficiaires »: find an entity by SIRET, SIREN or name, then everything it received across
 * sources and years (« Financements publics »), the communes of its establishments and its
 * registry link. Every figure comes through the query API with the reader's territory.
 */
export default function BeneficiariesPage() {
  const [params, setParams] = useSearchParams();
  const field = params.get('par') === 'beneficiaire' ? 'beneficiaire' : 'siren';
  const value = params.get('entite');
  const entity: Entity | null = value ? { field, value, label: params.get('nom') ?? value } : null;
  useEffect(() => {
    document.title = `${entity ? `${entity.label} — ` : ''}Bénéficiaires — Data-État`;
  }, [entity]);
  const choose = (chosen: Entity) =>
    setParams({ par: chosen.field, entite: chosen.value, nom: chosen.label });
  return (
    <div className="fr-container fr-my-4w">
      <h1>Bénéficiaires</h1>
      <p className="fr-text--lead">
        Tout ce qu’une entreprise, une association ou une collectivité a reçu de l’État et de ses opérateurs,
        toutes sources et années réunies, sans double compte.
      </p>
      <Search onChoose={choose} />
      {entity && (
        <section aria-labelledby="entite-titre">
          <h2 id="entite-titre">{entity.label}</h2>
          <p>
            {entity.field === 'siren' ? (
              <>
                SIREN {entity.value} —{' '}
                <a href={`${REGISTRY}${entity.value}`} target="_blank" rel="noopener noreferrer">
                  Fiche dans l’annuaire des entreprises
                </a>
              </>
            ) : (
              <>Clé du bénéficiaire dans sa source : {entity.value} (pas de SIREN connu).</>
            )}
          </p>
          {sections(entity).map((section) => {
            const key = `${entity.field}-${entity.value}-${section.kind === 'map' ? section.widget.id : section.id}`;
            return section.kind === 'table' ? (
              <QueryTable
                key={key}
                id={section.id}
                title={section.title}
                query={section.query}
                headingLevel={3}
              />
            ) : (
              <div key={key} className="fr-mb-4w">
                <QueryWidget widget={section.widget} headingLevel={3} height={MAP_HEIGHT} />
              </div>
            );
          })}
        </section>
      )}
    </div>
  );
}
