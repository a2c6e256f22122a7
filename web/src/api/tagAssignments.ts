import { request } from './client.ts';
import type { PreviewDataset } from './tagRules.ts';

/** « Politiques publiques »: tags given by hand (server/src/routes/tag-assignments.ts). */

export interface Amount {
  readonly measure: string;
  readonly label: string;
  readonly value: number;
}

export interface AssignmentProblem {
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

export interface FileAnalysis {
  readonly fileName: string;
  readonly linesRead: number;
  readonly linesValid: number;
  readonly matched: number;
  readonly dataLines: number;
  readonly amounts: readonly Amount[];
  readonly tags: readonly {
    readonly code: string;
    readonly label: string;
    readonly isNew: boolean;
    readonly lines: number;
    readonly matched: number;
    readonly amounts: readonly Amount[];
  }[];
  readonly unmatched: readonly { readonly line: number; readonly ej: string; readonly poste: number }[];
  readonly unmatchedTotal: number;
  readonly problems: readonly AssignmentProblem[];
  readonly problemsTotal: number;
}

export interface BeneficiaryAnalysis {
  readonly identifier: string;
  readonly kind: 'siret' | 'siren';
  readonly tags: readonly { readonly code: string; readonly label: string; readonly isNew: boolean }[];
  readonly datasets: readonly PreviewDataset[];
  readonly matched: number;
}

export interface AssignmentBatch {
  readonly id: number;
  readonly kind: 'fichier' | 'beneficiaire';
  readonly fileName: string | null;
  readonly beneficiary: string | null;
  readonly authorEmail: string;
  readonly createdAt: string;
  readonly label: string;
  readonly tags: readonly string[];
  readonly assignments: number;
  readonly report: { readonly lines: number; readonly matched: number; readonly newTags: readonly string[] };
}

export interface AssignmentsAnswer {
  readonly batches: readonly AssignmentBatch[];
  readonly limits: {
    readonly fileLines: number;
    readonly fileChars: number;
    readonly lines: number;
    readonly beneficiaries: number;
    readonly tagsPerTarget: number;
  };
}

export interface CsvFile {
  readonly fileName: string;
  readonly content: string;
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function fetchTagAssignments(signal?: AbortSignal): Promise<AssignmentsAnswer> {
  return request<AssignmentsAnswer>('/api/tag-assignments', { signal });
}

export function previewTagFile(file: CsvFile): Promise<FileAnalysis> {
  return request<FileAnalysis>('/api/tag-assignments/csv/preview', json(file));
}

export function saveTagFile(file: CsvFile): Promise<{ batch: AssignmentBatch; analysis: FileAnalysis }> {
  return request('/api/tag-assignments/csv', json(file));
}

export function previewBeneficiaryTags(
  beneficiary: string,
  tags: readonly string[],
): Promise<BeneficiaryAnalysis> {
  return request<BeneficiaryAnalysis>(
    '/api/tag-assignments/beneficiary/preview',
    json({ beneficiary, tags }),
  );
}

export function saveBeneficiaryTags(
  beneficiary: string,
  tags: readonly string[],
): Promise<{ batch: AssignmentBatch; analysis: BeneficiaryAnalysis }> {
  return request('/api/tag-assignments/beneficiary', json({ beneficiary, tags }));
}

export async function deleteTagAssignment(id: number): Promise<void> {
  await request<null>(`/api/tag-assignments/${id}`, { method: 'DELETE' });
}
