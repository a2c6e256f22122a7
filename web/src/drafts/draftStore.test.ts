import { describe, expect, it } from 'vitest';
import {
  type DraftKey,
  draftStorageKey,
  draftTime,
  dropDraft,
  listDraftIds,
  MAX_DRAFT_CHARS,
  readDraft,
  writeDraft,
} from './draftStore.ts';

/** The Web Storage interface as browsers implement it, quota included (Node 20 has none). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) throw new DOMException('plein', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
}

const isText = (value: unknown): value is { text: string } =>
  typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';

const key: DraftKey = { kind: 'tableau-de-bord', userId: 7, id: 'abc123' };

describe('draft store', () => {
  it('keeps a draft per form, user and object, with its base version', () => {
    const storage = new MemoryStorage();
    expect(
      writeDraft(storage, key, { savedAt: 1_000, baseVersion: 3, data: { text: 'mes changements' } }),
    ).toBe(true);
    expect(readDraft(storage, key, isText)).toEqual({
      savedAt: 1_000,
      baseVersion: 3,
      data: { text: 'mes changements' },
    });
    // Another account on the same browser, or another dashboard, finds nothing.
    expect(readDraft(storage, { ...key, userId: 8 }, isText)).toBeNull();
    expect(readDraft(storage, { ...key, id: 'autre' }, isText)).toBeNull();
    expect(readDraft(storage, { ...key, kind: 'utilisateur' }, isText)).toBeNull();
  });

  it('drops a draft once saved', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, key, { savedAt: 1, baseVersion: 1, data: { text: 'x' } });
    dropDraft(storage, key);
    expect(readDraft(storage, key, isText)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('removes damaged or foreign entries instead of offering them', () => {
    const storage = new MemoryStorage();
    for (const text of [
      '{pas du json',
      '42',
      '{"format":1,"savedAt":1,"baseVersion":1,"data":{"text":3}}',
      '{"format":99,"savedAt":1,"baseVersion":1,"data":{"text":"x"}}',
    ]) {
      storage.setItem(draftStorageKey(key), text);
      expect(readDraft(storage, key, isText)).toBeNull();
      expect(storage.getItem(draftStorageKey(key))).toBeNull();
    }
  });

  it('says so when a draft cannot be kept (too large, storage full, no storage)', () => {
    expect(
      writeDraft(new MemoryStorage(), key, {
        savedAt: 1,
        baseVersion: 1,
        data: { text: 'x'.repeat(MAX_DRAFT_CHARS) },
      }),
    ).toBe(false);
    const full = new MemoryStorage(100);
    expect(writeDraft(full, key, { savedAt: 1, baseVersion: 1, data: { text: 'x'.repeat(200) } })).toBe(
      false,
    );
    expect(writeDraft(null, key, { savedAt: 1, baseVersion: 1, data: { text: 'x' } })).toBe(false);
    expect(readDraft(null, key, isText)).toBeNull();
  });

  it('lists the drafts of one form for one user', () => {
    const storage = new MemoryStorage();
    const draft = { savedAt: 1, baseVersion: 0, data: { text: 'x' } };
    writeDraft(storage, { kind: 'utilisateur', userId: 1, id: 'nouveau' }, draft);
    writeDraft(storage, { kind: 'utilisateur', userId: 1, id: '12' }, draft);
    writeDraft(storage, { kind: 'utilisateur', userId: 2, id: '13' }, draft);
    writeDraft(storage, { kind: 'tableau-de-bord', userId: 1, id: 'a/b' }, draft);
    expect(listDraftIds(storage, 'utilisateur', 1)).toEqual(['12', 'nouveau']);
    expect(listDraftIds(storage, 'tableau-de-bord', 1)).toEqual(['a/b']);
  });

  it('writes the time as « dd/mm/yyyy à hh:mm »', () => {
    expect(draftTime(new Date(2026, 11, 2, 9, 5).getTime())).toBe('02/12/2026 à 09:05');
  });
});
