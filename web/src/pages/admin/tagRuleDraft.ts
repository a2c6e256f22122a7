import type { TagConditionOp, TagRuleInput } from '../../api/tagRules.ts';

/**
 * A tagging rule as the form edits it: values as text, one per line (a commune list pasted from
 * a spreadsheet), turned into the API's rule and back. Pure, unit-tested.
 */
export interface ConditionDraft {
  /** Stable key of the row while it is edited (rows are added and removed). */
  readonly key: number;
  readonly field: string;
  readonly op: TagConditionOp;
  readonly values: string;
  readonly source?: string;
}

export interface TargetDraft {
  readonly dataset: string;
  readonly conditions: readonly ConditionDraft[];
}

export interface RuleDraft {
  readonly code: string;
  readonly label: string;
  readonly description: string;
  readonly targets: readonly TargetDraft[];
}

let lastKey = 0;
export const nextConditionKey = (): number => ++lastKey;

export const EMPTY_DRAFT: RuleDraft = { code: '', label: '', description: '', targets: [] };

/** Values typed one per line, or separated by `;` or `,`: trimmed, empty ones dropped, once each. */
export function parseValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n;,]/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

export function draftOf(rule: TagRuleInput): RuleDraft {
  return {
    code: rule.code,
    label: rule.label,
    description: rule.description,
    targets: rule.targets.map((t) => ({
      dataset: t.dataset,
      conditions: t.conditions.map((c) => ({
        key: nextConditionKey(),
        field: c.field,
        op: c.op,
        values: c.values.join('\n'),
        ...(c.source && { source: c.source }),
      })),
    })),
  };
}

export function ruleOf(draft: RuleDraft): TagRuleInput {
  return {
    code: draft.code.trim(),
    label: draft.label.trim(),
    description: draft.description.trim(),
    targets: draft.targets.map((t) => ({
      dataset: t.dataset,
      conditions: t.conditions.map((c) => ({
        field: c.field,
        op: c.op,
        values: parseValues(c.values),
        ...(c.source && { source: c.source }),
      })),
    })),
  };
}

export const OP_LABELS: Record<TagConditionOp, string> = {
  in: 'est parmi',
  starts_with: 'commence par',
  between: 'est entre (2 valeurs)',
};

/** A rule's conditions in words, for the list (« programme est parmi 0380 »). */
export function describeTarget(
  target: TagRuleInput['targets'][number],
  fieldLabel: (id: string) => string,
): string {
  if (target.conditions.length === 0) return 'toutes les lignes';
  return target.conditions
    .map((c) => {
      const shown =
        c.values.length > 4
          ? `${c.values.slice(0, 4).join(', ')}… (${c.values.length} valeurs)`
          : c.values.join(', ');
      return `${fieldLabel(c.field)} ${OP_LABELS[c.op]} ${shown}${c.source ? ` (${c.source})` : ''}`;
    })
    .join(' et ');
}
