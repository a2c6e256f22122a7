/**
 * Builds the embed bundle after the app (`pnpm build`):
 * 1. the runtime (Preact, react-query, the widget frame, DSFR styles) and one chunk per widget
 *    type's renderer, as ES modules under dist/assets/embed/ (hashed, cached for ever), with
 *    relative URLs so they load from any host page;
 * 2. `dist/embed.js`, the loader a host page includes: one classic script, a stable name, that
 *    imports the runtime on the first `<dataetat-widget>` of the page.
 * CSS imported by the runtime or a renderer becomes a style sheet adopted by the embeds' shadow
 * roots (`shadowCss`): nothing is injected into the host page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions } from 'vite';
import { budgetOverruns, embedBundleSizes, kb } from './embed-budget.mjs';
import { purgeDsfrCss, spacingClassesIn } from './purge-dsfr.mjs';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const shadowStyles = path.join(web, 'src/embed/shadowStyles.ts');
const PREFIX = '\0shadow-css:';
// The id must not end in `.css`, or Vite's CSS plugins would take the module for a style sheet.
const SUFFIX = '.shadow.js';

/** `import 'x.css'` → `addShadowCss(<the CSS as text>)`, whichever module imports it. */
function shadowCss() {
  return {
    name: 'dataetat-shadow-css',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || source.includes('?') || !source.endsWith('.css') || importer.startsWith(PREFIX))
        return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The import is only for its effect: keep it even in packages declaring no side effects.
      return resolved ? { id: `${PREFIX}${resolved.id}${SUFFIX}`, moduleSideEffects: true } : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `import { addShadowCss } from ${JSON.stringify(shadowStyles)};`,
        'addShadowCss(css);',
      ].join('\n');
    },
  };
}

/** After Vite inlined a DSFR sheet (`?inline`: `export default "…"`), purge it. */
function purgeDsfr() {
  const used = spacingClassesIn([path.join(web, 'src'), path.join(web, '../widgets/src')]);
  return {
    name: 'dataetat-purge-dsfr',
    enforce: 'post',
    transform(code, id) {
      if (!id.includes('@codegouvfr') || !id.includes('.css?inline')) return null;
      const match = /^export default ("(?:[^"\\]|\\.)*")/.exec(code);
      if (!match) return null;
      const css = JSON.parse(match[1]);
      return { code: code.replace(match[1], JSON.stringify(purgeDsfrCss(css, used))), map: null };
    },
  };
}

/**
 * The embed renders with Preact's React compatibility layer, not React: the runtime with its chunks
 * weighed 166 KB gzipped with react-dom, 107 KB with Preact (about 8 KB). The app keeps React; the
 * embed uses hooks, `lazy`/`Suspense`, an error boundary and react-query, all of which compat covers.
 * Exact matches only (`react-dom/server` is for tests), resolved from web/ where preact is a
 * dependency (widgets/ imports react too).
 */
const fromWeb = (specifier) => fileURLToPath(import.meta.resolve(specifier));
const preactCompat = [
  { find: /^react$/, replacement: fromWeb('preact/compat') },
  { find: /^react-dom$/, replacement: fromWeb('preact/compat') },
  { find: /^react-dom\/client$/, replacement: fromWeb('preact/compat/client') },
  { find: /^react\/jsx-runtime$/, replacement: fromWeb('preact/jsx-runtime') },
];

const common = {
  root: web,
  configFile: false,
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

await build({
  ...common,
  base: './',
  plugins: [shadowCss(), purgeDsfr(), react()],
  resolve: {
    alias: preactCompat,
    // `#rendered-options` (widgets/package.json): an embed draws the options the server resolved,
    // so neither the options schemas nor TypeBox are in its bundle.
    conditions: ['dataetat-embed', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    manifest: 'assets/embed/manifest.json',
    // No `<link rel=modulepreload>` in the host page: chunks import each other by relative URL.
    modulePreload: false,
    rolldownOptions: {
      input: { runtime: path.join(web, 'src/embed/runtime.tsx') },
      // `mount` for the loader, plus what renderer chunks import from the runtime.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // The runtime and everything it imports in one chunk (the page loads it first anyway),
        // renderers importing shared code (Preact, formats…) from it: left to itself the bundler
        // split that code into 7 small chunks: 7 more requests and 2 KB more gzipped. The DSFR
        // colours (a few constants shared by the charts and by the pictures loaded on export)
        // go with it too, rather than into a chunk of their own.
        codeSplitting: {
          groups: [
            { name: 'runtime', test: /\/src\/embed\/runtime\.tsx$|\/widgets\/src\/react\/palette\.ts$/ },
          ],
        },
        entryFileNames: 'assets/embed/[name]-[hash].js',
        chunkFileNames: 'assets/embed/[name]-[hash].js',
        assetFileNames: 'assets/embed/[name]-[hash][extname]',
      },
    },
  },
});

const manifest = JSON.parse(readFileSync(path.join(web, 'dist/assets/embed/manifest.json'), 'utf8'));
const runtime = Object.values(manifest).find((entry) => entry.isEntry)?.file;
if (!runtime) throw new Error('Build de l’intégration : le module runtime est absent du manifeste.');

await build({
  ...common,
  define: { ...common.define, __EMBED_RUNTIME__: JSON.stringify(`./${runtime}`) },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    rolldownOptions: {
      input: path.join(web, 'src/embed/loader.ts'),
      output: { format: 'iife', entryFileNames: 'embed.js' },
    },
  },
});

// The embed's weight is a feature of the embed: past its budget the build fails here.
const sizes = embedBundleSizes(path.join(web, 'dist'));
const overruns = budgetOverruns(sizes);
if (overruns.length > 0) {
  console.error(`Intégration trop lourde :\n  ${overruns.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Intégration : ${sizes.rows.map((row) => `${row.label.split(' (')[0]} ${kb(row.bytes)}`).join(' · ')} (gzip -9)`,
);
