import type { FastifyInstance } from 'fastify';
import { renderDocsPage } from '../docs/page.ts';
import { binaryAnswer } from '../plugins/contracts.ts';

/**
 * The API's documentation. Public: it describes routes and shapes (the code is open), never
 * data, and an integrator reads it before having an account.
 */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  let page: string | null = null;
  const schema = { tags: ['Documentation'], security: [] };

  app.get(
    '/docs/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        ...schema,
        summary: 'Document OpenAPI 3.1',
        response: { 200: binaryAnswer('Ce document.', ['application/json']) },
      },
    },
    async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );

  app.get(
    '/docs',
    {
      config: { access: 'public' },
      schema: {
        ...schema,
        summary: 'Cette documentation, en HTML',
        response: { 200: binaryAnswer('La page.', ['text/html']) },
      },
    },
    async (_request, reply) => {
      // Routes do not change once the app is ready: render once.
      page ??= renderDocsPage(app.swagger() as unknown as Record<string, unknown>);
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );
}
