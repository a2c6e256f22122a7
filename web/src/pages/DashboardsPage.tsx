import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { formatDate } from '@dataetat/widgets/react';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import {
  type DashboardSort,
  type DashboardSummary,
  useDashboardMutations,
  useDashboards,
} from '../api/dashboards.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { hasRole } from '../auth/types.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { CreateDashboardDialog, createDashboardButtonProps } from '../dashboards/CreateDashboardDialog.tsx';
import { DashboardBadges } from '../dashboards/DashboardBadges.tsx';
import { UndoNotice } from '../dashboards/UndoNotice.tsx';
import { useDebounced } from '../explorer/useDebounced.ts';
import '../dashboards/dashboards.css';

const deleteDialog = createModal({ id: 'supprimer-tableau-de-bord', isOpenedByDefault: false });

const errorText = (error: unknown) =>
  error instanceof ApiError
    ? error.message
    : 'Une erreur inattendue est survenue. Réessayez dans un instant.';

/**
 * `/tableaux-de-bord` — the agent's dashboards, the reference ones to start from, those shared
 * with them, and the trash (a deletion can be undone).
 */
export default function DashboardsPage() {
  const { user } = useAuth();
  const canEdit = user ? hasRole(user, 'editeur') : false;
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<DashboardSort>('updated');
  const search = useDebounced(q, 250);
  const lists = useDashboards(search, sort);
  const { create, remove, restore } = useDashboardMutations();
  const [toDelete, setToDelete] = useState<DashboardSummary | null>(null);
  const [deleted, setDeleted] = useState<DashboardSummary | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const searchId = useId();
  const sortId = useId();

  const duplicate = (dashboard: DashboardSummary) => {
    setActionError(null);
    create.mutate(
      { title: `Copie de ${dashboard.title}`, duplicateOf: dashboard.id },
      {
        onSuccess: (copy) => void navigate(`/tableaux-de-bord/${encodeURIComponent(copy.id)}/modifier`),
        onError: (error) => setActionError(errorText(error)),
      },
    );
  };
  const confirmDelete = () => {
    const target = toDelete;
    if (!target) return;
    remove.mutate(target.id, {
      onSuccess: () => setDeleted(target),
      onError: (error) => setActionError(errorText(error)),
    });
  };
  const undoDelete = () => {
    const target = deleted;
    setDeleted(null);
    if (target) restore.mutate(target.id, { onError: (error) => setActionError(errorText(error)) });
  };

  const data = lists.data;
  const filtered = search.trim() !== '';
  return (
    <>
      <title>Tableaux de bord — Data-État</title>
      <div className="dashboards-heading">
        <h1 className="fr-mb-2w">Tableaux de bord</h1>
        {canEdit && (
          <Button
            iconId="fr-icon-add-line"
            iconPosition="left"
            nativeButtonProps={createDashboardButtonProps}
          >
            Créer un tableau de bord
          </Button>
        )}
      </div>
      <p className="fr-text--lead">
        Rassemblez cartes, graphiques et tableaux sur une page, filtrez-les ensemble et partagez le lien.
      </p>
      <search className="dashboards-toolbar fr-mb-4w">
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor={searchId}>
            Rechercher un tableau de bord
            <span className="fr-hint-text">Dans les titres et les descriptions</span>
          </label>
          <input
            id={searchId}
            className="fr-input"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="fr-select-group fr-mb-0">
          <label className="fr-label" htmlFor={sortId}>
            Trier par
          </label>
          <select
            id={sortId}
            className="fr-select"
            value={sort}
            onChange={(e) => setSort(e.target.value === 'title' ? 'title' : 'updated')}
          >
            <option value="updated">Dernière modification</option>
            <option value="title">Titre</option>
          </select>
        </div>
      </search>
      {actionError && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{actionError}</p>
        </div>
      )}
      {lists.isPending ? (
        <Loading label="Chargement des tableaux de bord…" height={200} />
      ) : lists.error ? (
        <QueryErrorAlert error={lists.error} onRetry={lists.refetch} />
      ) : data ? (
        <div aria-busy={lists.isFetching}>
          <DashboardSection
            title="Mes tableaux de bord"
            items={data.mine}
            empty={
              filtered
                ? 'Aucun de vos tableaux de bord ne correspond à cette recherche.'
                : canEdit
                  ? 'Vous n’avez pas encore de tableau de bord. Créez-en un avec le bouton « Créer un tableau de bord », ou dupliquez un tableau de bord de référence ci-dessous pour partir d’un modèle.'
                  : 'Vous n’avez pas de tableau de bord : votre rôle « Lecteur » permet de consulter ceux de référence et ceux que l’on partage avec vous.'
            }
            actions={() => ({ edit: canEdit, duplicate: canEdit, remove: canEdit })}
            onDuplicate={duplicate}
            onDelete={(d) => {
              setToDelete(d);
              deleteDialog.open();
            }}
          />
          <DashboardSection
            title="Tableaux de bord de référence"
            hint="Préparés par l’équipe Data-État, en lecture seule : dupliquez-les pour les adapter."
            items={data.reference}
            empty={
              filtered
                ? 'Aucun tableau de bord de référence ne correspond à cette recherche.'
                : 'Aucun tableau de bord de référence n’est publié.'
            }
            actions={() => ({ edit: false, duplicate: canEdit, remove: false })}
            onDuplicate={duplicate}
          />
          <DashboardSection
            title="Partagés avec moi"
            items={data.shared}
            empty={
              filtered
                ? 'Aucun tableau de bord partagé ne correspond à cette recherche.'
                : 'Personne ne vous a encore partagé de tableau de bord.'
            }
            actions={(d) => ({ edit: canEdit && d.permission === 'edit', duplicate: canEdit, remove: false })}
            onDuplicate={duplicate}
          />
          {data.trash.length > 0 && (
            <TrashSection
              items={data.trash}
              onRestore={(d) =>
                restore.mutate(d.id, { onError: (error) => setActionError(errorText(error)) })
              }
            />
          )}
        </div>
      ) : null}
      <CreateDashboardDialog />
      <deleteDialog.Component
        title="Supprimer ce tableau de bord ?"
        buttons={[
          { children: 'Garder', priority: 'secondary' },
          { children: 'Placer dans la corbeille', iconId: 'fr-icon-delete-line', onClick: confirmDelete },
        ]}
      >
        <p>
          « {toDelete?.title} » sera placé dans la corbeille. Vous pourrez l’en sortir depuis la section «
          Corbeille » de cette page.
        </p>
      </deleteDialog.Component>
      {deleted && (
        <UndoNotice
          key={deleted.id}
          message={`« ${deleted.title} » a été placé dans la corbeille.`}
          onUndo={undoDelete}
          onClose={() => setDeleted(null)}
        />
      )}
    </>
  );
}

interface CardActions {
  readonly edit: boolean;
  readonly duplicate: boolean;
  readonly remove: boolean;
}

function DashboardSection(props: {
  title: string;
  hint?: string;
  items: readonly DashboardSummary[];
  empty: string;
  actions: (dashboard: DashboardSummary) => CardActions;
  onDuplicate: (dashboard: DashboardSummary) => void;
  onDelete?: (dashboard: DashboardSummary) => void;
}) {
  const headingId = useId();
  return (
    <section className="fr-mb-6w" aria-labelledby={headingId}>
      <h2 id={headingId} className="fr-h3 fr-mb-1w">
        {props.title} <span className="fr-text--md fr-text--regular">({props.items.length})</span>
      </h2>
      {props.hint && <p className="fr-text--sm">{props.hint}</p>}
      {props.items.length === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text fr-text--md">{props.empty}</p>
        </div>
      ) : (
        <ul className="dashboards-cards">
          {props.items.map((dashboard) => (
            <li key={dashboard.id}>
              <DashboardCard
                dashboard={dashboard}
                actions={props.actions(dashboard)}
                onDuplicate={() => props.onDuplicate(dashboard)}
                onDelete={() => props.onDelete?.(dashboard)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DashboardCard({
  dashboard,
  actions,
  onDuplicate,
  onDelete,
}: {
  dashboard: DashboardSummary;
  actions: CardActions;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  const url = `/tableaux-de-bord/${encodeURIComponent(dashboard.id)}`;
  return (
    <div className="fr-card fr-card--no-arrow dashboards-card" data-testid={`carte-${dashboard.id}`}>
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title">
            <Link to={url}>{dashboard.title}</Link>
          </h3>
          {dashboard.description && <p className="fr-card__desc">{dashboard.description}</p>}
          <div className="fr-card__start">
            <DashboardBadges dashboard={dashboard} showReference />
          </div>
          <p className="fr-card__detail fr-icon-time-line">
            Modifié le {formatDate(dashboard.updatedAt)} par {dashboard.ownerName}
          </p>
        </div>
        <div className="fr-card__footer">
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            {actions.edit && (
              <li>
                <Link
                  className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-edit-line"
                  to={`${url}/modifier`}
                >
                  Modifier<span className="fr-sr-only"> « {dashboard.title} »</span>
                </Link>
              </li>
            )}
            {actions.duplicate && (
              <li>
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-file-add-line"
                  onClick={onDuplicate}
                >
                  Dupliquer<span className="fr-sr-only"> « {dashboard.title} »</span>
                </button>
              </li>
            )}
            {actions.remove && (
              <li>
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-delete-line"
                  onClick={onDelete}
                >
                  Supprimer<span className="fr-sr-only"> « {dashboard.title} »</span>
                </button>
              </li>
            )}
          </ul>
        </div>
      </div>
    </div>
  );
}

function TrashSection({
  items,
  onRestore,
}: {
  items: readonly DashboardSummary[];
  onRestore: (dashboard: DashboardSummary) => void;
}) {
  const headingId = useId();
  return (
    <section className="fr-mb-6w" aria-labelledby={headingId}>
      <h2 id={headingId} className="fr-h3 fr-mb-1w">
        Corbeille <span className="fr-text--md fr-text--regular">({items.length})</span>
      </h2>
      <p className="fr-text--sm">
        Les tableaux de bord supprimés restent ici : restaurez-les pour les retrouver.
      </p>
      <ul className="dashboards-trash">
        {items.map((dashboard) => (
          <li key={dashboard.id}>
            <span>
              <strong>{dashboard.title}</strong>{' '}
              <span className="fr-text--sm">— modifié le {formatDate(dashboard.updatedAt)}</span>
            </span>
            <Button
              size="small"
              priority="secondary"
              iconId="fr-icon-arrow-go-back-line"
              onClick={() => onRestore(dashboard)}
            >
              Restaurer<span className="fr-sr-only"> « {dashboard.title} »</span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
