/**
 * What a host page downloads for one embed, gzip -9 (what a compressing server sends), against
 * the budget: the loader `embed.js` alone ≤ 30 KB; loader + runtime + one renderer (KPI, bar)
 * with every chunk they import ≤ 250 KB. The build fails past it (`build-embed.mjs`), so a
 * change that bloats the embed is seen where it is made; the embed bench prints the same table.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const KB = 1024;
export const LOADER_BUDGET = 30 * KB;
export const EMBED_BUDGET = 250 * KB;

/** @param {string} dist the web build directory (web/dist) */
export function embedBundleSizes(dist) {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'assets/embed/manifest.json'), 'utf8'));
  const gzipped = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  /** A manifest entry and every chunk it imports statically (what the browser fetches with it). */
  const closure = (key, into = new Set()) => {
    const entry = manifest[key];
    if (!entry || into.has(entry.file)) return into;
    into.add(entry.file);
    for (const imported of entry.imports ?? []) closure(imported, into);
    return into;
  };
  const keyOf = (predicate) => {
    const found = Object.entries(manifest).find(([key, entry]) => predicate(key, entry));
    if (!found) throw new Error('Manifeste de l’intégration incomplet : lancez pnpm build.');
    return found[0];
  };
  const total = (files) => [...files].reduce((sum, file) => sum + gzipped(file), 0);
  const renderer = (type) => keyOf((key) => key.endsWith(`/${type}/Renderer.tsx`));

  const loader = gzipped('embed.js');
  const runtime = closure(keyOf((_, entry) => entry.isEntry === true));
  const withKpi = closure(renderer('kpi'), new Set(runtime));
  const withBar = closure(renderer('bar'), new Set(withKpi));
  const fontBytes = ['Marianne-Regular', 'Marianne-Medium', 'Marianne-Bold']
    .map((name) => manifest[keyOf((key) => key.endsWith(`/${name}.woff2`))].file)
    .reduce((sum, file) => sum + statSync(path.join(dist, file)).size, 0);
  return {
    rows: [
      { label: 'embed.js seul', bytes: loader, budget: LOADER_BUDGET, files: 1 },
      {
        label: '+ runtime (Preact, react-query, cadre, CSS DSFR)',
        bytes: loader + total(runtime),
        budget: null,
        files: runtime.size + 1,
      },
      {
        label: '+ indicateur (KPI)',
        bytes: loader + total(withKpi),
        budget: EMBED_BUDGET,
        files: withKpi.size + 1,
      },
      { label: '+ barres', bytes: loader + total(withBar), budget: EMBED_BUDGET, files: withBar.size + 1 },
    ],
    fontBytes,
  };
}

export const kb = (bytes) => `${(bytes / KB).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;

/** French lines of the rows past their budget (empty when within). */
export function budgetOverruns(sizes) {
  return sizes.rows
    .filter((row) => row.budget !== null && row.bytes > row.budget)
    .map((row) => `${row.label} : ${kb(row.bytes)} compressés, budget ${kb(row.budget)}`);
}
