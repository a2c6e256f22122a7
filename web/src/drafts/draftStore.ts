/**
 * Unsaved work kept in the browser (localStorage) so that a reload, a crash or an expired
 * session loses nothing. One draft per form, per signed-in user (another account on the same
 * browser never sees it) and per object, with the version it started from so that saving it
 * later still goes through optimistic concurrency.
 */

/** What is stored under a key. */
export interface Draft<T> {
  /** When the draft was last written (ms since epoch). */
  readonly savedAt: number;
  /** Server version the changes started from (0 for objects without versions). */
  readonly baseVersion: number;
  readonly data: T;
}

export interface DraftKey {
  /** The form: `tableau-de-bord`, `utilisateur`. */
  readonly kind: string;
  readonly userId: number;
  /** The object edited (dashboard id, account id, `nouveau`). */
  readonly id: string;
}

const PREFIX = 'dataetat:brouillon';
const FORMAT = 1;
/** Largest draft written (UTF-16 units): a dashboard is a few dozen kB; localStorage holds ~5 MB. */
export const MAX_DRAFT_CHARS = 1_000_000;

export function draftStorageKey(key: DraftKey): string {
  return `${PREFIX}:${key.kind}:${key.userId}:${encodeURIComponent(key.id)}`;
}

/** The page's localStorage, or null where it is unavailable (blocked, private mode quirks). */
export function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Writes the draft; false when it could not be kept (too large, storage full or unavailable). */
export function writeDraft<T>(storage: Storage | null, key: DraftKey, draft: Draft<T>): boolean {
  if (!storage) return false;
  const text = JSON.stringify({ format: FORMAT, ...draft });
  if (text.length > MAX_DRAFT_CHARS) return false;
  try {
    storage.setItem(draftStorageKey(key), text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored draft if it is well-formed and `isData` accepts its content; a damaged or foreign
 * entry is removed so it is not offered again.
 */
export function readDraft<T>(
  storage: Storage | null,
  key: DraftKey,
  isData: (value: unknown) => value is T,
): Draft<T> | null {
  if (!storage) return null;
  const name = draftStorageKey(key);
  let text: string | null;
  try {
    text = storage.getItem(name);
  } catch {
    return null;
  }
  if (text === null) return null;
  const draft = parse(text, isData);
  if (!draft) dropDraft(storage, key);
  return draft;
}

function parse<T>(text: string, isData: (value: unknown) => value is T): Draft<T> | null {
  if (text.length > MAX_DRAFT_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { format, savedAt, baseVersion, data } = value as Record<string, unknown>;
  if (format !== FORMAT || !Number.isFinite(savedAt) || !Number.isInteger(baseVersion)) return null;
  if (!isData(data)) return null;
  return { savedAt: savedAt as number, baseVersion: baseVersion as number, data };
}

export function dropDraft(storage: Storage | null, key: DraftKey): void {
  try {
    storage?.removeItem(draftStorageKey(key));
  } catch {
    // Unavailable storage holds no draft.
  }
}

/** Ids of the stored drafts of one form and user (e.g. to offer an account form back). */
export function listDraftIds(storage: Storage | null, kind: string, userId: number): string[] {
  if (!storage) return [];
  const prefix = `${PREFIX}:${kind}:${userId}:`;
  const ids: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i);
    if (name?.startsWith(prefix)) ids.push(decodeURIComponent(name.slice(prefix.length)));
  }
  return ids.sort();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** « 02/12/2026 à 09:05 » in the browser's time zone (the agent's clock). */
export function draftTime(savedAt: number): string {
  const d = new Date(savedAt);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} à ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
