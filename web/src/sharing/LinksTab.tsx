import { Input } from '@codegouvfr/react-dsfr/Input';
import type { DashboardDatasetInfo } from '@dataetat/widgets';
import { formatDate } from '@dataetat/widgets/react';
import { type FormEvent, useState } from 'react';
import type { Dashboard } from '../api/dashboards.ts';
import { type CreatedShareLink, type ShareLinkSummary, useCreateGrant } from '../api/sharing.ts';
import { conditionsBody, GrantConditionsFields, NO_CONDITIONS } from './GrantConditions.tsx';
import { type GrantColumn, GrantTable } from './GrantTable.tsx';
import { CopyField, errorText } from './parts.tsx';

const LINK_COLUMNS: readonly GrantColumn<ShareLinkSummary>[] = [
  { header: 'Créé le', cell: (link) => formatDate(link.createdAt) },
  { header: 'Par', cell: (link) => link.createdBy.name },
  { header: 'Vues', cell: (link) => link.viewCount.toLocaleString('fr-FR') },
  { header: 'Dernière vue', cell: (link) => formatDate(link.lastViewedAt) ?? '—' },
];

/** « Liens »: read-only links `/s/<jeton>`, the token shown once, listed and revocable. */
export function LinksTab({
  dashboard,
  datasets,
}: {
  dashboard: Dashboard;
  datasets: readonly DashboardDatasetInfo[];
}) {
  const createLink = useCreateGrant('links', dashboard.id);
  const [label, setLabel] = useState('');
  const [conditions, setConditions] = useState(NO_CONDITIONS);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [notice, setNotice] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createLink.mutate(
      { ...(label.trim() ? { label: label.trim() } : {}), ...conditionsBody(conditions) },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          setLabel('');
          setConditions(NO_CONDITIONS);
        },
      },
    );
  };
  return (
    <div className="share-tab">
      {created ? (
        <div className="fr-alert fr-alert--success fr-mb-3w share-created" data-testid="lien-cree">
          <h3 className="fr-alert__title">Lien créé</h3>
          <p className="fr-mb-1w">
            <strong>Copiez-le maintenant : il ne sera plus affiché.</strong> Data-État n’en garde qu’une
            empreinte ; s’il est perdu, créez-en un autre.
          </p>
          <CopyField label="Adresse du lien" value={new URL(created.path, window.location.origin).href} />
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary"
            onClick={() => setCreated(null)}
          >
            J’ai copié le lien
          </button>
        </div>
      ) : (
        <form onSubmit={submit} className="fr-mb-3w" aria-label="Créer un lien de partage">
          <p className="fr-text--sm">
            Un lien ouvre ce tableau de bord en lecture seule, sans compte, avec ce que vous pouvez voir
            vous-même (et pas plus).
          </p>
          <Input
            label="Libellé"
            hintText="Pour le retrouver dans la liste, par exemple « Préfecture d’Ille-et-Vilaine »"
            nativeInputProps={{ value: label, maxLength: 200, onChange: (e) => setLabel(e.target.value) }}
          />
          <GrantConditionsFields
            conditions={conditions}
            onChange={setConditions}
            filters={dashboard.definition.filters}
            datasets={datasets}
            expiryHint="Le lien cesse de fonctionner à la fin de ce jour"
            agentsOnlyHint="Il faudra se connecter à Data-État ; le périmètre territorial de la personne s’applique aussi."
          />
          {createLink.error && (
            <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
              <p>{errorText(createLink.error)}</p>
            </div>
          )}
          <button
            type="submit"
            className="fr-btn fr-icon-link fr-btn--icon-left"
            disabled={createLink.isPending}
          >
            Créer le lien
          </button>
        </form>
      )}
      <GrantTable
        kind="links"
        dashboardId={dashboard.id}
        columns={LINK_COLUMNS}
        notice={notice}
        onRevoked={(_, said) => setNotice(said)}
      />
    </div>
  );
}
