// The production server as one JavaScript file (server/dist/main.js): no TypeScript runtime
// when it starts or runs. Our own code (server, widgets, dashboards) is bundled; every package
// from node_modules stays outside (native DuckDB, PGlite's wasm, pino's worker threads load
// files next to themselves), imported by its absolute path so a package that only the widgets
// declare resolves as it does in development. Built where it runs (`npm start` does it).
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'server/dist/main.js');

const OWN_PACKAGES = /^@dataetat\//;

/** Bare imports of node_modules packages: external, by the file esbuild resolved them to. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    // Stylesheets imported by widget modules the server shares with the web app mean nothing here.
    build.onResolve({ filter: /\.css$/ }, (args) => ({ path: args.path, namespace: 'stylesheet' }));
    build.onLoad({ filter: /.*/, namespace: 'stylesheet' }, () => ({ contents: '', loader: 'empty' }));
    build.onResolve({ filter: /^[^./#]/ }, async (args) => {
      if (args.path.startsWith('node:') || OWN_PACKAGES.test(args.path)) return undefined;
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // Built-in modules (`fs`, `crypto`) come back without a file.
      if (!path.isAbsolute(resolved.path)) return { path: args.path, external: true };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

export async function buildServer() {
  const started = performance.now();
  await esbuild.build({
    entryPoints: [path.join(root, 'server/src/main.ts')],
    outdir: path.dirname(SERVER_BUNDLE),
    // Widget renderers the server shares with the web app are imported lazily (browser code
    // such as MapLibre): split, their packages load only if those chunks ever do. Chunks sit
    // beside main.js, so `import.meta.url` is two levels under the repository in every one.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Stack traces name our TypeScript files and lines.
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [externalPackages],
  });
  const kb = Math.round(statSync(SERVER_BUNDLE).size / 1024);
  console.log(
    `Serveur compilé : ${path.relative(root, SERVER_BUNDLE)} (${kb} Kio) en ${Math.round(performance.now() - started)} ms`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
