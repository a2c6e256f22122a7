import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { formatDate } from '@dataetat/widgets/react';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router-dom';
import { type DashboardSummary, useDashboards } from '../api/dashboards.ts';
import { useDatasets } from '../api/hooks.ts';
import type { DatasetSummary } from '../api/types.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useTerritoryLabel } from '../auth/territory.ts';
import { hasRole, NATIONAL, type User } from '../auth/types.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { CreateDashboardDialog, createDashboardButtonProps } from '../dashboards/CreateDashboardDialog.tsx';
import { DashboardBadges } from '../dashboards/DashboardBadges.tsx';
import { recentDatasets } from '../home/recent.ts';
import '../home/home.css';

/** Cards per list: a glance, the full lists are one link away. */
const SHOWN = 4;

/**
 * `/` — the agent's start (issue 12): who and which territory, one call to action (« Créer un
 * tableau de bord », for those who may create), their dashboards, those shared with them, the
 * reference ones and the datasets loaded last. Everything comes from `GET /api/dashboards`
 * (same query as the dashboards page, so going there is instant) and `GET /api/datasets`.
 */
export function HomePage() {
  const { user } = useAuth();
  // The route is under RequireAuth: the user is known here.
  if (!user) return null;
  return <AgentHome user={user} />;
}

function AgentHome({ user }: { user: User }) {
  const canCreate = hasRole(user, 'editeur');
  const territory = useTerritoryLabel(user.scope);
  return (
    <>
      <title>Accueil — Data-État</title>
      <div className="home-heading fr-mb-6w">
        <div>
          <h1 className="fr-mb-1w">Bonjour {user.name}</h1>
          <p className="fr-text--lead fr-mb-0" data-testid="home-territory">
            Vos données : {user.scope === NATIONAL ? 'France entière' : territory}
          </p>
        </div>
        {canCreate && (
          <Button
            iconId="fr-icon-add-line"
            iconPosition="left"
            size="large"
            nativeButtonProps={createDashboardButtonProps}
          >
            Créer un tableau de bord
          </Button>
        )}
      </div>
      <DashboardsSections canCreate={canCreate} />
      <RecentDatasets />
      {canCreate && <CreateDashboardDialog />}
    </>
  );
}

function DashboardsSections({ canCreate }: { canCreate: boolean }) {
  const lists = useDashboards('', 'updated');
  if (lists.isPending) return <Loading label="Chargement de vos tableaux de bord…" height={200} />;
  if (lists.error) {
    return (
      <HomeSection title="Vos tableaux de bord">
        <QueryErrorAlert error={lists.error} onRetry={lists.refetch} />
      </HomeSection>
    );
  }
  const { mine, shared, reference } = lists.data;
  return (
    <>
      <HomeSection
        title="Vos tableaux de bord"
        count={mine.length}
        more={{ to: '/tableaux-de-bord', label: 'Voir tous les tableaux de bord' }}
      >
        <DashboardCards
          items={mine.slice(0, SHOWN)}
          testId="mes-tableaux-de-bord"
          empty={
            canCreate
              ? 'Vous n’avez pas encore de tableau de bord. Créez-en un avec le bouton « Créer un tableau de bord », ou ouvrez un tableau de bord de référence ci-dessous et dupliquez-le pour l’adapter.'
              : 'Votre rôle « Lecteur » permet de consulter les tableaux de bord de référence et ceux que l’on partage avec vous. Pour en créer, demandez le rôle « Éditeur » à l’administrateur de Data-État.'
          }
        />
      </HomeSection>
      <HomeSection
        title="Partagés avec vous"
        count={shared.length}
        more={
          shared.length > SHOWN
            ? { to: '/tableaux-de-bord', label: 'Voir tous les tableaux de bord partagés avec vous' }
            : undefined
        }
      >
        <DashboardCards
          items={shared.slice(0, SHOWN)}
          testId="partages-avec-vous"
          empty="Personne ne vous a encore partagé de tableau de bord. Quand un collègue le fera, il apparaîtra ici ; vous pouvez aussi ouvrir un lien de partage reçu par courriel."
        />
      </HomeSection>
      <HomeSection
        title="Tableaux de bord de référence"
        count={reference.length}
        hint={
          canCreate
            ? 'Préparés par l’équipe Data-État, en lecture seule : ouvrez-en un pour le consulter, dupliquez-le pour l’adapter.'
            : 'Préparés par l’équipe Data-État : ouvrez-en un pour le consulter et le filtrer sur votre territoire.'
        }
      >
        <DashboardCards
          items={reference}
          testId="tableaux-de-reference"
          withDescription
          empty="Aucun tableau de bord de référence n’est publié pour le moment. Explorez les jeux de données ci-dessous en attendant."
        />
      </HomeSection>
    </>
  );
}

function RecentDatasets() {
  const datasets = useDatasets();
  const more = { to: '/jeux-de-donnees', label: 'Voir tous les jeux de données' };
  let body: ReactNode;
  if (datasets.isPending) body = <Loading label="Chargement des jeux de données…" height={160} />;
  else if (datasets.error) body = <QueryErrorAlert error={datasets.error} onRetry={datasets.refetch} />;
  else if (datasets.data.length === 0)
    body = (
      <EmptyState text="Aucun jeu de données n’est encore chargé. Un administrateur doit importer le pack de données ; les tableaux de bord se rempliront ensuite." />
    );
  else
    body = (
      <ul className="home-cards" data-testid="jeux-recents">
        {recentDatasets(datasets.data, SHOWN).map((dataset) => (
          <li key={dataset.id}>
            <DatasetCard dataset={dataset} />
          </li>
        ))}
      </ul>
    );
  return (
    <HomeSection title="Jeux de données récemment mis à jour" more={more}>
      {body}
    </HomeSection>
  );
}

function HomeSection(props: {
  title: string;
  count?: number;
  hint?: string;
  more?: { to: string; label: string } | undefined;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="fr-mb-6w" aria-labelledby={headingId}>
      <div className="home-section__head fr-mb-2w">
        <h2 id={headingId} className="fr-h3 fr-mb-0">
          {props.title}
          {props.count !== undefined && (
            <span className="fr-text--md fr-text--regular"> ({props.count})</span>
          )}
        </h2>
        {props.more && (
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={props.more.to}>
            {props.more.label}
          </Link>
        )}
      </div>
      {props.hint && <p className="fr-text--sm">{props.hint}</p>}
      {props.children}
    </section>
  );
}

function EmptyState({ text }: { text: string }) {
  return (
    <div className="fr-callout">
      <p className="fr-callout__text fr-text--md">{text}</p>
    </div>
  );
}

function DashboardCards(props: {
  items: readonly DashboardSummary[];
  empty: string;
  testId: string;
  withDescription?: boolean;
}) {
  if (props.items.length === 0) return <EmptyState text={props.empty} />;
  return (
    <ul className="home-cards" data-testid={props.testId}>
      {props.items.map((dashboard) => (
        <li key={dashboard.id}>
          <Card
            title={dashboard.title}
            titleAs="h3"
            size="small"
            enlargeLink
            linkProps={{ to: `/tableaux-de-bord/${encodeURIComponent(dashboard.id)}` }}
            desc={props.withDescription && dashboard.description ? dashboard.description : undefined}
            start={<DashboardBadges dashboard={dashboard} />}
            endDetail={`Modifié le ${formatDate(dashboard.updatedAt)}${dashboard.permission || dashboard.isReference ? ` par ${dashboard.ownerName}` : ''}`}
            className="fr-card--no-arrow"
          />
        </li>
      ))}
    </ul>
  );
}

function DatasetCard({ dataset }: { dataset: DatasetSummary }) {
  const date = formatDate(dataset.updatedAt);
  return (
    <Card
      title={dataset.title}
      titleAs="h3"
      size="small"
      enlargeLink
      linkProps={{ to: `/jeux-de-donnees/${encodeURIComponent(dataset.id)}` }}
      start={
        dataset.demo ? (
          <ul className="fr-badges-group">
            <li>
              <Badge as="span" small severity="warning">
                Données de démonstration
              </Badge>
            </li>
          </ul>
        ) : undefined
      }
      end={
        <ul className="fr-text--sm fr-mb-0 home-facts">
          <li>Source : {dataset.source.name}</li>
          {dataset.period && <li>Période couverte : {dataset.period}</li>}
        </ul>
      }
      endDetail={date ? `Données mises à jour le ${date}` : 'Données pas encore chargées'}
      className="fr-card--no-arrow"
    />
  );
}
