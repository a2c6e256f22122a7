import { Input } from '@codegouvfr/react-dsfr/Input';
import type { DashboardDatasetInfo } from '@dataetat/widgets';
import { formatDate } from '@dataetat/widgets/react';
import { type FormEvent, useId, useState } from 'react';
import type { Dashboard } from '../api/dashboards.ts';
import { type EmbedSummary, useCreateGrant, useGrants } from '../api/sharing.ts';
import { conditionsBody, GrantConditionsFields, NO_CONDITIONS } from './GrantConditions.tsx';
import { GrantTable } from './GrantTable.tsx';
import { type HostFilterDraft, HostFiltersEditor, hostFiltersOf } from './HostFiltersEditor.tsx';
import { parseOrigins } from './origins.ts';
import { CopyField, errorText } from './parts.tsx';
import { embedSnippets } from './snippets.ts';

const WHOLE = '';

/** « Intégrer »: a widget or the whole dashboard on another site, its snippets and a preview. */
export function EmbedsTab({
  dashboard,
  datasets,
}: {
  dashboard: Dashboard;
  datasets: readonly DashboardDatasetInfo[];
}) {
  const embeds = useGrants('embeds', dashboard.id);
  const createEmbed = useCreateGrant('embeds', dashboard.id);
  const widgets = dashboard.definition.widgets;
  const [target, setTarget] = useState(WHOLE);
  const [label, setLabel] = useState('');
  const [originsText, setOriginsText] = useState('');
  const [conditions, setConditions] = useState(NO_CONDITIONS);
  const [hostDrafts, setHostDrafts] = useState<HostFilterDraft[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [notice, setNotice] = useState('');
  const targetId = useId();
  const originsId = useId();
  const origins = parseOrigins(originsText);
  const originsError = submitted && origins.errors.length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (origins.errors.length > 0) {
      document.getElementById(originsId)?.focus();
      return;
    }
    const hostFilters = hostFiltersOf(hostDrafts);
    createEmbed.mutate(
      {
        dashboardId: dashboard.id,
        ...(target !== WHOLE ? { widgetId: target } : {}),
        ...(label.trim() ? { label: label.trim() } : {}),
        ...conditionsBody(conditions),
        ...(hostFilters.length > 0 ? { hostFilters } : {}),
        allowedOrigins: origins.origins,
      },
      {
        onSuccess: ({ embed }) => {
          setShown(embed.id);
          setSubmitted(false);
          setLabel('');
          setNotice('Intégration créée : son code est affiché sous la liste.');
        },
      },
    );
  };
  const titleOf = (embed: EmbedSummary) =>
    embed.widgetId === null
      ? dashboard.title
      : (widgets.find((w) => w.id === embed.widgetId)?.title ?? 'Visualisation supprimée');
  const selected = embeds.data?.find((e) => e.id === shown && e.status === 'active');
  return (
    <div className="share-tab">
      <form onSubmit={submit} className="fr-mb-3w" aria-label="Créer une intégration" noValidate>
        <p className="fr-text--sm">
          Affichez une visualisation ou tout le tableau de bord sur un intranet ou un autre site, à jour, sans
          compte pour les lecteurs, limité à ce que vous pouvez voir.
        </p>
        <div className="fr-select-group">
          <label className="fr-label" htmlFor={targetId}>
            Ce qui est intégré
          </label>
          <select
            id={targetId}
            className="fr-select"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value={WHOLE}>Tout le tableau de bord</option>
            {widgets
              .filter((w) => w.type !== 'text')
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title || w.id}
                </option>
              ))}
          </select>
        </div>
        <Input
          label="Libellé"
          hintText="Par exemple « Intranet de la préfecture »"
          nativeInputProps={{ value: label, maxLength: 200, onChange: (e) => setLabel(e.target.value) }}
        />
        <Input
          label="Origines autorisées"
          hintText="Une par ligne, par exemple https://intranet.ille-et-vilaine.pref.gouv.fr. Sans origine, seule l’image et Data-État lui-même peuvent l’afficher."
          textArea
          state={originsError ? 'error' : 'default'}
          stateRelatedMessage={originsError ? origins.errors.join(' ') : undefined}
          nativeTextAreaProps={{
            id: originsId,
            rows: 3,
            value: originsText,
            spellCheck: false,
            onChange: (e) => setOriginsText(e.target.value),
          }}
        />
        <GrantConditionsFields
          conditions={conditions}
          onChange={setConditions}
          filters={dashboard.definition.filters}
          datasets={datasets}
          agentsOnlyHint="Les lecteurs devront être connectés à Data-État dans leur navigateur."
        />
        <HostFiltersEditor datasets={datasets} drafts={hostDrafts} onChange={setHostDrafts} />
        {createEmbed.error && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{errorText(createEmbed.error)}</p>
          </div>
        )}
        <button
          type="submit"
          className="fr-btn fr-icon-code-s-slash-line fr-btn--icon-left"
          disabled={createEmbed.isPending}
        >
          Créer l’intégration
        </button>
      </form>
      <GrantTable
        kind="embeds"
        dashboardId={dashboard.id}
        details={(embed) => embed.allowedOrigins.length > 0 && ` · ${embed.allowedOrigins.join(', ')}`}
        columns={[
          { header: 'Contenu', cell: titleOf },
          {
            header: 'Créée le',
            cell: (embed) => (
              <>
                {formatDate(embed.createdAt)}
                <span className="share-table__details fr-text--xs"> par {embed.createdBy.name}</span>
              </>
            ),
          },
          {
            header: 'Vues',
            cell: (embed) => (
              <>
                {embed.viewCount.toLocaleString('fr-FR')}
                {embed.lastViewedAt && (
                  <span className="share-table__details fr-text--xs">
                    dernière le {formatDate(embed.lastViewedAt)}
                  </span>
                )}
              </>
            ),
          },
        ]}
        actions={(embed, name) =>
          embed.status === 'active' && (
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-code-s-slash-line fr-btn--icon-left"
              aria-expanded={shown === embed.id}
              onClick={() => setShown(shown === embed.id ? null : embed.id)}
            >
              Code<span className="fr-sr-only"> de « {name} »</span>
            </button>
          )
        }
        notice={notice}
        onRevoked={(embed, said) => {
          if (shown === embed.id) setShown(null);
          setNotice(said);
        }}
      />
      {selected && <EmbedCode key={selected.id} embed={selected} title={titleOf(selected)} />}
    </div>
  );
}

/** The three snippets of one embed and a live preview (the iframe page itself). */
function EmbedCode({ embed, title }: { embed: EmbedSummary; title: string }) {
  const headingId = useId();
  const snippets = embedSnippets({
    origin: window.location.origin,
    token: embed.token,
    wholeDashboard: embed.widgetId === null,
    title,
  });
  return (
    <section className="share-embed-code" aria-labelledby={headingId} data-testid="code-integration">
      <h3 id={headingId} className="fr-h6">
        Code à coller : « {embed.label || title} »
      </h3>
      <CopyField
        label="1. Cadre (iframe)"
        hint="Le plus simple : collez-le dans la page de l’intranet."
        value={snippets.iframe}
        multiline
      />
      <CopyField
        label="2. Composant web (script)"
        hint="S’adapte à la page et peut recevoir des filtres (attribut filters)."
        value={snippets.script}
        multiline
      />
      {snippets.image ? (
        <CopyField
          label="3. Image"
          hint="Pour les pages qui n’acceptent ni script ni cadre (graphiques et indicateurs)."
          value={snippets.image}
          multiline
        />
      ) : (
        <p className="fr-text--sm">3. Image : disponible pour l’intégration d’une seule visualisation.</p>
      )}
      <h4 className="fr-text--md fr-text--bold fr-mb-1w">Aperçu</h4>
      <iframe
        className="share-embed-code__preview"
        src={`/embed/${encodeURIComponent(embed.token)}`}
        title={`Aperçu de l’intégration : ${title}`}
        loading="lazy"
      />
    </section>
  );
}
