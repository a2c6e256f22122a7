import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useState } from 'react';
import type { Dashboard } from '../api/dashboards.ts';
import { useDashboardCatalogue } from '../dashboards/useDashboardView.ts';
import { EmbedsTab } from './EmbedsTab.tsx';
import { LinksTab } from './LinksTab.tsx';
import { PeopleTab } from './PeopleTab.tsx';
import './sharing.css';

// DSFR modal: focus kept inside while open, Échap closes, focus goes back to « Partager ».
const shareModal = createModal({ id: 'partager-tableau-de-bord', isOpenedByDefault: false });

type TabId = 'personnes' | 'liens' | 'integrer';

/** « Partager », shown to those who may share (owner or administrator: `canShare`). */
export function ShareButton() {
  return (
    <Button
      size="small"
      priority="secondary"
      iconId="fr-icon-share-line"
      nativeButtonProps={shareModal.buttonProps}
    >
      Partager
    </Button>
  );
}

/** The dialog « Partager » opens: people, links, embeds. Its content loads when it opens. */
export function ShareDialog({ dashboard }: { dashboard: Dashboard }) {
  const open = useIsModalOpen(shareModal);
  const [tab, setTab] = useState<TabId>('personnes');
  return (
    <shareModal.Component title={`Partager « ${dashboard.title} »`} size="large" className="share-dialog">
      {open && <ShareTabs dashboard={dashboard} tab={tab} onTab={setTab} />}
    </shareModal.Component>
  );
}

function ShareTabs({
  dashboard,
  tab,
  onTab,
}: {
  dashboard: Dashboard;
  tab: TabId;
  onTab: (tab: TabId) => void;
}) {
  const { used } = useDashboardCatalogue(dashboard.definition);
  return (
    <Tabs
      className="share-tabs"
      label="Manières de partager"
      selectedTabId={tab}
      onTabChange={(id) => onTab(id as TabId)}
      tabs={[
        { tabId: 'personnes', label: 'Personnes', iconId: 'fr-icon-team-line' },
        { tabId: 'liens', label: 'Liens', iconId: 'fr-icon-link' },
        { tabId: 'integrer', label: 'Intégrer', iconId: 'fr-icon-code-s-slash-line' },
      ]}
    >
      {tab === 'personnes' ? (
        <PeopleTab dashboard={dashboard} />
      ) : tab === 'liens' ? (
        <LinksTab dashboard={dashboard} datasets={used} />
      ) : (
        <EmbedsTab dashboard={dashboard} datasets={used} />
      )}
    </Tabs>
  );
}
