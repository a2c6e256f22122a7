import { request } from './client.ts';

/** « Politiques publiques »: the tagging rules API (server/src/routes/tag-rules.ts). */

export type TagConditionOp = 'in' | 'starts_with' | 'between';

export interface TagCondition {
  readonly field: string;
  readonly op: TagConditionOp;
  readonly values: readonly string[];
  readonly source?: string;
}

export interface TagTarget {
  readonly dataset: string;
  readonly conditions: readonly TagCondition[];
}

export interface TagRuleInput {
  readonly code: string;
  readonly label: string;
  readonly description: string;
  readonly targets: readonly TagTarget[];
}

export interface TagRule extends TagRuleInput {
  readonly id: number;
  readonly updatedBy: number | null;
  readonly updatedAt: string;
}

export interface TaggedDatasetFields {
  readonly dataset: string;
  readonly title: string;
  readonly fields: readonly { readonly id: string; readonly label: string }[];
}

export interface TagRulesAnswer {
  readonly rules: readonly TagRule[];
  readonly version: string;
  readonly datasets: readonly TaggedDatasetFields[];
}

export interface PreviewDataset {
  readonly dataset: string;
  readonly title: string;
  readonly lines: number;
  readonly totalLines: number;
  readonly amounts: readonly { readonly measure: string; readonly label: string; readonly value: number }[];
}

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function fetchTagRules(signal?: AbortSignal): Promise<TagRulesAnswer> {
  return request<TagRulesAnswer>('/api/tag-rules', { signal });
}

export async function previewTagRule(rule: TagRuleInput): Promise<readonly PreviewDataset[]> {
  return (
    await request<{ datasets: PreviewDataset[] }>('/api/tag-rules/preview', { method: 'POST', ...json(rule) })
  ).datasets;
}

export async function saveTagRule(id: number | null, rule: TagRuleInput): Promise<TagRule> {
  const path = id === null ? '/api/tag-rules' : `/api/tag-rules/${id}`;
  return (await request<{ rule: TagRule }>(path, { method: id === null ? 'POST' : 'PUT', ...json(rule) }))
    .rule;
}

export async function deleteTagRule(id: number): Promise<void> {
  await request<null>(`/api/tag-rules/${id}`, { method: 'DELETE' });
}

export function applyTagRules(
  version: string,
): Promise<{ ms: number; datasets: { dataset: string; lines: number; tagged: number; byHand: number }[] }> {
  return request('/api/tag-rules/application', { method: 'POST', ...json({ version }) });
}
