import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built SPA; any other GET that accepts HTML and is not under /api gets index.html,
 * so deep links work. Unknown API routes get a JSON 404.
 */
const plugin: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  const embedScript = path.join(root, 'embed.js');
  const embedAssets = path.join(root, 'assets', 'embed') + path.sep;
  const hasBuild = existsSync(path.join(root, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders(reply, filePath) {
        // Vite's hashed assets never change; index.html must always be revalidated.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
        if (filePath.endsWith('.mjs')) reply.header('content-type', 'text/javascript; charset=utf-8');
        // The embed bundle is loaded by other sites' pages: its loader as a classic script, its
        // chunks as modules and fonts (CORS requests). Public code without credentials: any origin.
        if (filePath === embedScript || filePath.startsWith(embedAssets)) {
          reply.header('access-control-allow-origin', '*');
          reply.header('cross-origin-resource-policy', 'cross-origin');
        }
        // A stable name: a new version reaches host pages within minutes.
        if (filePath === embedScript) reply.header('cache-control', 'public, max-age=300');
      },
    });
    // Files are served through the catch-all below so deep links fall back to index.html.
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (!isApi && hasBuild && request.method === 'GET') {
      const filePath = decodeURIComponent(request.url.split('?')[0] ?? '/');
      const candidate = path.join(root, filePath);
      if (
        filePath !== '/' &&
        candidate.startsWith(root) &&
        existsSync(candidate) &&
        !filePath.endsWith('/')
      ) {
        return reply.sendFile(filePath.slice(1));
      }
      if (wantsHtml || filePath === '/') {
        return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
      }
    }
    if (!isApi && !hasBuild && wantsHtml) {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Data-État</title><p>L’application web n’est pas construite : lancez <code>pnpm build</code>.</p></html>',
        );
    }
    return reply.status(404).send({
      error: {
        code: isApi ? 'ROUTE_NOT_FOUND' : 'NOT_FOUND',
        message: isApi ? "Cette adresse d'API n'existe pas." : 'Ressource introuvable.',
      },
    });
  });
};

export const staticWebApp = fp(plugin, { name: 'static-web-app' });
