import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatValue } from '@dataetat/widgets/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  applyTagRules,
  deleteTagRule,
  fetchTagRules,
  saveTagRule,
  type TagRule,
} from '../../api/tagRules.ts';
import { Loading } from '../../components/Loading.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { formatDateTime } from './format.ts';
import { ScrollTable } from './imports/ScrollTable.tsx';
import './tags.css';
import { type Notice, TagAssignmentsSection } from './TagAssignmentsSection.tsx';

type PlacedNotice = Notice & { readonly place: 'regles' | 'affectations' };

import { TagRuleForm } from './TagRuleForm.tsx';
import { describeTarget, draftOf, EMPTY_DRAFT, type RuleDraft, ruleOf } from './tagRuleDraft.ts';

const KEY = ['admin', 'tag-rules'] as const;
const errorText = (error: unknown) =>
  error instanceof ApiError ? error.message : 'L’opération a échoué. Réessayez.';

/**
 * « Administration › Politiques publiques »: the tagging rules, edited with a preview, and the
 * tags given by hand (TagAssignmentsSection), then applied to every dataset at once (saving
 * alone changes no data).
 */
export function TagRulesPage() {
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchTagRules(signal) });
  const [editing, setEditing] = useState<{ id: number | null; draft: RuleDraft } | null>(null);
  // Shown beside what was done: the rules' actions at the top, the assignments' in their section.
  const [notice, setNotice] = useState<PlacedNotice | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

  const save = useMutation({
    mutationFn: ({ id, draft }: { id: number | null; draft: RuleDraft }) => saveTagRule(id, ruleOf(draft)),
    onSuccess: (rule) => {
      setEditing(null);
      setNotice({
        place: 'regles',
        severity: 'info',
        text: `La règle « ${rule.label} » est enregistrée. « Appliquer les étiquettes » recalcule les étiquettes des données.`,
      });
      void refresh();
    },
    onError: (error) => setNotice({ place: 'regles', severity: 'error', text: errorText(error) }),
  });
  const remove = useMutation({
    mutationFn: (rule: TagRule) => deleteTagRule(rule.id),
    onSuccess: (_, rule) => {
      setNotice({
        place: 'regles',
        severity: 'info',
        text: `La règle « ${rule.label} » est supprimée ; ses étiquettes partent à la prochaine application.`,
      });
      void refresh();
    },
    onError: (error) => setNotice({ place: 'regles', severity: 'error', text: errorText(error) }),
  });
  const apply = useMutation({
    mutationFn: ({ version }: { version: string; place: PlacedNotice['place'] }) => applyTagRules(version),
    onSuccess: (result, { place }) => {
      const title = (id: string) => rules.data?.datasets.find((d) => d.dataset === id)?.title ?? id;
      const parts = result.datasets.map(
        (d) =>
          `${title(d.dataset)} : ${formatValue(d.tagged, 'integer')} lignes étiquetées sur ${formatValue(d.lines, 'integer')}${d.byHand > 0 ? `, dont ${formatValue(d.byHand, 'integer')} à la main` : ''}`,
      );
      setNotice({
        place,
        severity: 'success',
        text: `Étiquettes appliquées en ${formatValue(result.ms / 1000, 'number')} s — ${parts.join(' ; ')}.`,
      });
      void refresh();
    },
    onError: (error, { place }) => setNotice({ place, severity: 'error', text: errorText(error) }),
  });

  if (rules.isPending) return <Loading label="Chargement des règles…" />;
  if (rules.isError) return <QueryErrorAlert error={rules.error} onRetry={() => rules.refetch()} />;
  const { datasets, version } = rules.data;
  const fieldLabel = (dataset: string) => (id: string) =>
    datasets.find((d) => d.dataset === dataset)?.fields.find((f) => f.id === id)?.label ?? id;
  const titleOf = (dataset: string) => datasets.find((d) => d.dataset === dataset)?.title ?? dataset;

  return (
    <>
      <h1>Politiques publiques</h1>
      <p>
        Chaque règle pose une étiquette (« Politique publique ») sur les lignes des jeux qu’elle vise ; une
        affectation manuelle la donne à des lignes Chorus ou à un bénéficiaire. Une ligne peut en porter
        plusieurs. Enregistrer une règle ou une affectation ne change pas les données : « Appliquer les
        étiquettes » les recalcule toutes d’un seul coup, et les tableaux de bord se mettent à jour.
      </p>
      <div aria-live="polite">
        {notice?.place === 'regles' && (
          <Alert
            severity={notice.severity}
            small
            description={notice.text}
            closable
            onClose={() => setNotice(null)}
            className="fr-mb-2w"
          />
        )}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button disabled={editing !== null} onClick={() => setEditing({ id: null, draft: EMPTY_DRAFT })}>
            Nouvelle règle
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            disabled={apply.isPending}
            onClick={() => apply.mutate({ version, place: 'regles' })}
          >
            {apply.isPending ? 'Application en cours…' : 'Appliquer les étiquettes'}
          </Button>
        </li>
      </ul>
      {editing && (
        <TagRuleForm
          key={editing.id ?? 'new'}
          initial={editing.draft}
          datasets={datasets}
          saving={save.isPending}
          onSave={(draft) => save.mutate({ id: editing.id, draft })}
          onCancel={() => setEditing(null)}
        />
      )}
      <h2>Règles</h2>
      <ScrollTable caption={`Règles d’étiquetage (${rules.data.rules.length})`} testId="tag-rules">
        <thead>
          <tr>
            <th scope="col">Étiquette</th>
            <th scope="col">Origine : jeux et conditions</th>
            <th scope="col">Modifiée le</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rules.data.rules.map((rule) => (
            <tr key={rule.id}>
              <td>
                <div className="dataetat-tag-name">
                  <strong>{rule.label}</strong>
                  <br />
                  <code>{rule.code}</code> — règle n° {rule.id}
                  {rule.description && <p className="fr-text--xs fr-mb-0">{rule.description}</p>}
                </div>
              </td>
              <td>
                <ul className="fr-text--sm fr-mb-0 dataetat-tag-origin">
                  {rule.targets.map((t) => (
                    <li key={t.dataset}>
                      {titleOf(t.dataset)} : {describeTarget(t, fieldLabel(t.dataset))}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="dataetat-tag-nowrap">{formatDateTime(rule.updatedAt)}</td>
              <td>
                <ul className="fr-btns-group fr-btns-group--sm dataetat-tag-actions">
                  <li>
                    <Button
                      size="small"
                      priority="secondary"
                      disabled={editing !== null}
                      onClick={() => setEditing({ id: rule.id, draft: draftOf(rule) })}
                    >
                      Modifier « {rule.label} »
                    </Button>
                  </li>
                  <li>
                    <Button
                      size="small"
                      priority="tertiary"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(`Supprimer la règle « ${rule.label} » ?`)) remove.mutate(rule);
                      }}
                    >
                      Supprimer « {rule.label} »
                    </Button>
                  </li>
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <TagAssignmentsSection
        notice={notice?.place === 'affectations' ? notice : null}
        onNotice={(next) => setNotice(next && { ...next, place: 'affectations' })}
        onChange={() => void refresh()}
        applying={apply.isPending}
        onApply={() => apply.mutate({ version, place: 'affectations' })}
      />
    </>
  );
}

export default TagRulesPage;
