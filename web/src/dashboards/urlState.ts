/**
 * The view in the address (`?annee=2021-2024&territoire=region:53:Bretagne&selection=…`), so a
 * copied link reopens the same filters, selections and drill level. A key absent from the
 * address means « the dashboard's default »; present but empty means « cleared by the reader ».
 */
import { isTerritoryLevel, type TerritoryValue } from './model.ts';
import { type CodeLabel, type CrossSelection, type ViewState, yearRange } from './viewState.ts';

export const VIEW_KEYS = ['annee', 'territoire', 'programme', 'beneficiaire', 'tag', 'selection'] as const;

const part = (value: string) => encodeURIComponent(value);
const unpart = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

/** Years as ranges: `2019-2021,2023`. */
function encodeYears(years: readonly number[]): string {
  const parts: string[] = [];
  let start: number | null = null;
  let previous: number | null = null;
  for (const year of [...years].sort((a, b) => a - b)) {
    if (start !== null && previous !== null && year === previous + 1) {
      previous = year;
      continue;
    }
    if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = year;
    previous = year;
  }
  if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
  return parts.join(',');
}

function decodeYears(text: string): number[] | null {
  const years = new Set<number>();
  for (const piece of text.split(',')) {
    const match = /^(\d{4})(?:-(\d{4}))?$/.exec(piece.trim());
    if (!match) return null;
    const from = Number(match[1]);
    for (const year of yearRange(from, match[2] ? Number(match[2]) : from)) years.add(year);
  }
  return [...years].sort((a, b) => a - b);
}

const encodeCode = (c: CodeLabel) => [c.code, c.label].map(part).join(':');

function decodeCode(text: string): CodeLabel | null {
  const [code, label] = text.split(':').map(unpart);
  return code ? { code, label: label || code } : null;
}

const encodeTerritory = (t: TerritoryValue) => [t.level, t.code, t.label].map(part).join(':');

function decodeTerritory(text: string): TerritoryValue | null {
  const [level, code, label] = text.split(':').map(unpart);
  if (!isTerritoryLevel(level) || !code) return null;
  return { level, code, label: label || code };
}

const encodeSelection = (s: CrossSelection) =>
  [s.widgetId, s.field, JSON.stringify(s.value), s.label ?? ''].map(part).join(':');

function decodeSelection(text: string): CrossSelection | null {
  const [widgetId, field, raw, label] = text.split(':').map(unpart);
  if (!widgetId || !field || raw === null || raw === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') return null;
  return { widgetId, field, value, ...(label ? { label } : {}) };
}

const sameList = <T>(a: readonly T[], b: readonly T[], key: (item: T) => string) =>
  a.length === b.length && a.every((item, i) => key(item) === key(b[i] as T));

/**
 * Writes the view into `search` (other parameters are kept): only what differs from the
 * dashboard's defaults, so an untouched dashboard has a clean address.
 */
export function encodeView(view: ViewState, defaults: ViewState, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of VIEW_KEYS) params.delete(key);
  const list = (key: string, values: readonly string[], same: boolean) => {
    if (same) return;
    if (values.length === 0) params.set(key, '');
    for (const value of values) params.append(key, value);
  };
  if (encodeYears(view.annee) !== encodeYears(defaults.annee)) params.set('annee', encodeYears(view.annee));
  list(
    'territoire',
    view.territoire.map(encodeTerritory),
    sameList(view.territoire, defaults.territoire, encodeTerritory),
  );
  list('programme', view.programme.map(encodeCode), sameList(view.programme, defaults.programme, encodeCode));
  list(
    'beneficiaire',
    view.beneficiaire.map(encodeCode),
    sameList(view.beneficiaire, defaults.beneficiaire, encodeCode),
  );
  list('tag', view.tags.map(encodeCode), sameList(view.tags, defaults.tags, encodeCode));
  for (const selection of view.selections) params.append('selection', encodeSelection(selection));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The address part that opens a dashboard on a territory (its drill path), as a copied link would. */
export function territoryAddress(path: readonly TerritoryValue[]): string {
  const params = new URLSearchParams();
  for (const territory of path) params.append('territoire', encodeTerritory(territory));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads the view from the address; unreadable parts fall back to the defaults. */
export function decodeView(search: string, defaults: ViewState): ViewState {
  const params = new URLSearchParams(search);
  const all = (key: string) => params.getAll(key).filter((v) => v !== '');
  const annee = params.get('annee');
  const codeList = (key: string, fallback: readonly CodeLabel[]) =>
    params.has(key)
      ? all(key)
          .map(decodeCode)
          .filter((c) => c !== null)
      : fallback;
  return {
    annee: annee === null ? defaults.annee : annee === '' ? [] : (decodeYears(annee) ?? defaults.annee),
    territoire: params.has('territoire')
      ? all('territoire')
          .map(decodeTerritory)
          .filter((t) => t !== null)
      : defaults.territoire,
    programme: codeList('programme', defaults.programme),
    beneficiaire: codeList('beneficiaire', defaults.beneficiaire),
    tags: codeList('tag', defaults.tags),
    selections: all('selection')
      .map(decodeSelection)
      .filter((s) => s !== null),
  };
}
