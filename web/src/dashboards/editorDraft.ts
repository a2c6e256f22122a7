/**
 * The editor's draft: the document as the agent left it, kept in the browser per dashboard and
 * account (drafts/draftStore.ts), so an expired session, a reload or a crash loses nothing.
 */
import { DASHBOARD_SCHEMA_VERSION, TEXT_LIMITS } from '@dataetat/widgets';
import type { DraftKey } from '../drafts/draftStore.ts';
import type { EditorDocument } from './editorDocument.ts';

export const dashboardDraftKey = (userId: number, dashboardId: string): DraftKey => ({
  kind: 'tableau-de-bord',
  userId,
  id: dashboardId,
});

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/**
 * Accepts a stored value as an editor document of this version of the app: the outline only,
 * since the server checks the whole definition when the draft is saved.
 */
export function isEditorDocument(value: unknown): value is EditorDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { title, description, definition } = value as Record<string, unknown>;
  if (!isText(title, TEXT_LIMITS.title) || !isText(description, TEXT_LIMITS.description)) return false;
  if (typeof definition !== 'object' || definition === null) return false;
  const d = definition as Record<string, unknown>;
  return (
    d.schemaVersion === DASHBOARD_SCHEMA_VERSION &&
    Array.isArray(d.widgets) &&
    Array.isArray(d.layout) &&
    Array.isArray(d.filters)
  );
}

/** JSON with object keys sorted: the server and the editor may order keys differently. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Same content (drafts come back from JSON: compare values, not references). */
export function sameDocument(a: EditorDocument, b: EditorDocument): boolean {
  return canonical(a) === canonical(b);
}
