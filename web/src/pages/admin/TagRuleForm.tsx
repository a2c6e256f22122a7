import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { formatValue } from '@dataetat/widgets/react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { previewTagRule, type TagConditionOp, type TaggedDatasetFields } from '../../api/tagRules.ts';
import {
  type ConditionDraft,
  nextConditionKey,
  OP_LABELS,
  type RuleDraft,
  ruleOf,
  type TargetDraft,
} from './tagRuleDraft.ts';

interface Props {
  readonly initial: RuleDraft;
  readonly datasets: readonly TaggedDatasetFields[];
  readonly saving: boolean;
  onSave(draft: RuleDraft): void;
  onCancel(): void;
}

const errorText = (error: unknown) =>
  error instanceof ApiError ? error.message : 'L’aperçu a échoué. Réessayez.';

/** One rule: code, label, the datasets it targets and their conditions, a preview before saving. */
export function TagRuleForm({ initial, datasets, saving, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const preview = useMutation({ mutationFn: () => previewTagRule(ruleOf(draft)) });
  const set = (changes: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const setTarget = (t: number, target: TargetDraft) =>
    set({ targets: draft.targets.map((x, i) => (i === t ? target : x)) });
  const setCondition = (t: number, c: number, changes: Partial<ConditionDraft>) => {
    const target = draft.targets[t] as TargetDraft;
    setTarget(t, {
      ...target,
      conditions: target.conditions.map((x, i) => (i === c ? { ...x, ...changes } : x)),
    });
  };
  const unused = datasets.filter((d) => !draft.targets.some((t) => t.dataset === d.dataset));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(draft);
  };

  return (
    <form onSubmit={submit} aria-label="Règle d’étiquetage" className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Code de l’étiquette"
            hintText="Minuscules, chiffres et « _ » (ex. fonds_vert)"
            nativeInputProps={{
              value: draft.code,
              required: true,
              onChange: (e) => set({ code: e.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Libellé"
            hintText="Ce que lisent les filtres et les tableaux (ex. Fonds vert)"
            nativeInputProps={{
              value: draft.label,
              required: true,
              onChange: (e) => set({ label: e.target.value }),
            }}
          />
        </div>
      </div>
      <Input
        label="Description"
        textArea
        nativeTextAreaProps={{
          value: draft.description,
          rows: 2,
          onChange: (e) => set({ description: e.target.value }),
        }}
      />
      {draft.targets.map((target, t) => {
        const fields = datasets.find((d) => d.dataset === target.dataset)?.fields ?? [];
        const title = datasets.find((d) => d.dataset === target.dataset)?.title ?? target.dataset;
        return (
          <fieldset
            key={target.dataset}
            className="fr-fieldset fr-p-2w fr-mb-2w"
            // DSFR fieldsets reach into the gutters (negative margins): a bordered one stays inside.
            style={{ border: '1px solid var(--border-default-grey)', marginLeft: 0, marginRight: 0 }}
          >
            <legend className="fr-fieldset__legend fr-text--md">{title}</legend>
            {target.conditions.length === 0 && (
              <p className="fr-text--sm">Sans condition : toutes les lignes du jeu.</p>
            )}
            {target.conditions.map((condition, c) => (
              <div key={condition.key} className="fr-grid-row fr-grid-row--gutters fr-mb-1w">
                <div className="fr-col-12 fr-col-md-3">
                  <Select
                    label={`Champ (condition ${c + 1})`}
                    nativeSelectProps={{
                      value: condition.field,
                      onChange: (e) => setCondition(t, c, { field: e.target.value }),
                    }}
                  >
                    {fields.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.label}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-3">
                  <Select
                    label="Opérateur"
                    nativeSelectProps={{
                      value: condition.op,
                      onChange: (e) => setCondition(t, c, { op: e.target.value as TagConditionOp }),
                    }}
                  >
                    {(Object.keys(OP_LABELS) as TagConditionOp[]).map((op) => (
                      <option key={op} value={op}>
                        {OP_LABELS[op]}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-4">
                  <Input
                    label="Valeurs (une par ligne)"
                    textArea
                    nativeTextAreaProps={{
                      value: condition.values,
                      rows: 3,
                      onChange: (e) => setCondition(t, c, { values: e.target.value }),
                    }}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-2" style={{ alignSelf: 'end' }}>
                  <Button
                    type="button"
                    priority="tertiary"
                    size="small"
                    onClick={() =>
                      setTarget(t, { ...target, conditions: target.conditions.filter((_, i) => i !== c) })
                    }
                  >
                    Retirer la condition {c + 1}
                  </Button>
                </div>
              </div>
            ))}
            <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  onClick={() =>
                    setTarget(t, {
                      ...target,
                      conditions: [
                        ...target.conditions,
                        { key: nextConditionKey(), field: fields[0]?.id ?? '', op: 'in', values: '' },
                      ],
                    })
                  }
                >
                  Ajouter une condition
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  onClick={() => set({ targets: draft.targets.filter((_, i) => i !== t) })}
                >
                  Ne plus viser « {title} »
                </Button>
              </li>
            </ul>
          </fieldset>
        );
      })}
      {unused.length > 0 && (
        <Select
          label="Viser un autre jeu de données"
          nativeSelectProps={{
            value: '',
            onChange: (e) =>
              e.target.value &&
              set({ targets: [...draft.targets, { dataset: e.target.value, conditions: [] }] }),
          }}
        >
          <option value="">Choisir un jeu…</option>
          {unused.map((d) => (
            <option key={d.dataset} value={d.dataset}>
              {d.title}
            </option>
          ))}
        </Select>
      )}
      <div aria-live="polite">
        {preview.isError && <Alert severity="error" small description={errorText(preview.error)} />}
        {preview.data && (
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>Aperçu : ce que la règle étiquetterait</caption>
              <thead>
                <tr>
                  <th scope="col">Jeu de données</th>
                  <th scope="col">Lignes étiquetées</th>
                  <th scope="col">Montants étiquetés</th>
                </tr>
              </thead>
              <tbody>
                {preview.data.map((d) => (
                  <tr key={d.dataset}>
                    <td>{d.title}</td>
                    <td>
                      {formatValue(d.lines, 'integer')} sur {formatValue(d.totalLines, 'integer')}
                    </td>
                    <td>
                      {d.amounts.map((a) => `${a.label} : ${formatValue(a.value, 'eur')}`).join(' ; ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button
            type="button"
            priority="secondary"
            disabled={preview.isPending}
            onClick={() => preview.mutate()}
          >
            {preview.isPending ? 'Calcul de l’aperçu…' : 'Aperçu (lignes et montants)'}
          </Button>
        </li>
        <li>
          <Button type="submit" disabled={saving}>
            Enregistrer la règle
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
