import { type EmbedSummary, kpiModel, type QueryResult, type WidgetDefinition } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';
import { allNodes, parseXml, textOf, type XmlNode } from '../testing/xml.ts';

/** `GET /embed/<token>.svg` through the real app: embeds made with the management API, figures checked against the embed API. */

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
const DASHBOARD = 'ref-financements-etat-territoire';

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
}, 300_000);
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

async function createEmbed(body: Record<string, unknown>): Promise<EmbedSummary> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/embeds',
    headers: admin.headers,
    payload: { dashboardId: DASHBOARD, allowedOrigins: [], ...body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ embed: EmbedSummary }>().embed;
}

/** What the embed API answers for the widget (the browser's figure). */
async function apiResult(token: string): Promise<{ widget: WidgetDefinition; result: QueryResult }> {
  const resource = await app.inject({
    method: 'GET',
    url: '/api/embed/resource',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(resource.statusCode, resource.body).toBe(200);
  const widget = resource.json<{ dashboard: { definition: { widgets: WidgetDefinition[] } } }>().dashboard
    .definition.widgets[0] as WidgetDefinition;
  const query = await app.inject({
    method: 'POST',
    url: '/api/embed/query',
    headers: { authorization: `Bearer ${token}` },
    payload: { widgetId: widget.id, spec: widget.query },
  });
  expect(query.statusCode, query.body).toBe(200);
  return { widget, result: query.json<QueryResult>() };
}

const picture = (token: string, query = '') =>
  app.inject({ method: 'GET', url: `/embed/${token}.svg${query}` });
const byClass = (root: XmlNode, name: string) =>
  allNodes(root)
    .filter((n) => n.attributes.class === name)
    .map(textOf);

describe('GET /embed/<token>.svg', () => {
  it('draws the embedded KPI with the figure the embed API gives, as a locked-down SVG', async () => {
    const embed = await createEmbed({ widgetId: 'kpi-cp' });
    const response = await picture(embed.token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const root = parseXml(response.body);
    const { widget, result } = await apiResult(embed.token);
    const model = kpiModel(widget, result);
    expect(byClass(root, 'kpi-value')).toEqual([model.valueText]);
    expect(root.children[1]?.text).toContain(model.exactText);
    expect(root.children[0]?.text).toBe(widget.title);
  });

  it('leaves out a default year filter the dataset does not cover, as the embed page does', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/dashboards',
      headers: admin.headers,
      payload: {
        title: 'Subventions',
        definition: {
          schemaVersion: 1,
          widgets: [
            {
              id: 'detr',
              type: 'kpi',
              title: 'Subventions accordées',
              query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
              options: {},
            },
          ],
          layout: [{ i: 'detr', x: 0, y: 0, w: 4, h: 4 }],
          // The DETR/DSIL data covers 2019 only.
          filters: [{ id: 'annee', kind: 'annee', label: 'Année', default: [2031] }],
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const embed = await app.inject({
      method: 'POST',
      url: '/api/embeds',
      headers: admin.headers,
      payload: { dashboardId: created.json<{ id: string }>().id, widgetId: 'detr', allowedOrigins: [] },
    });
    const { token } = embed.json<{ embed: EmbedSummary }>().embed;
    // The figure without any year filter, through the embed API.
    const { widget, result } = await apiResult(token);
    const model = kpiModel(widget, result);
    expect(model.value ?? 0).toBeGreaterThan(0);
    const root = parseXml((await picture(token)).body);
    expect(byClass(root, 'kpi-value')).toEqual([model.valueText]);
  });

  it('applies the embed’s locked filters (same figure as the API, smaller than the whole) and says so', async () => {
    const whole = await createEmbed({ widgetId: 'kpi-cp' });
    const locked = await createEmbed({
      widgetId: 'kpi-cp',
      lockedFilters: [{ field: 'annee', op: 'eq', values: [2024] }],
    });
    const lockedApi = await apiResult(locked.token);
    const wholeApi = await apiResult(whole.token);
    const value = (r: QueryResult) => kpiModel(lockedApi.widget, r).value ?? 0;
    expect(value(lockedApi.result)).toBeGreaterThan(0);
    expect(value(lockedApi.result)).toBeLessThan(value(wholeApi.result));
    const root = parseXml((await picture(locked.token)).body);
    expect(byClass(root, 'kpi-value')).toEqual([kpiModel(lockedApi.widget, lockedApi.result).valueText]);
    expect(
      allNodes(root).some((n) => n.name === 'text' && textOf(n).startsWith('Filtres verrouillés : ')),
    ).toBe(true);
  });

  it('draws a chart widget at the asked size', async () => {
    const embed = await createEmbed({ widgetId: 'top-programmes' });
    const response = await picture(embed.token, '?width=300&height=9999');
    expect(response.statusCode).toBe(200);
    const root = parseXml(response.body);
    expect(root.attributes).toMatchObject({ width: '300', height: '2000', role: 'img' });
    expect(allNodes(root).filter((n) => n.name === 'svg')).toHaveLength(2);
  });

  it('refuses a revoked, a tampered and an unknown token with a readable French picture and no data', async () => {
    const embed = await createEmbed({ widgetId: 'kpi-cp' });
    expect((await picture(embed.token)).statusCode).toBe(200);
    // The signature's first character: its last one carries 2 padding bits, so A↔B there can
    // decode to the same signature (a valid token, 1 run in 16).
    const [header, payload, signature = ''] = embed.token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const tampered = await picture(`${header}.${payload}.${flipped}`);
    expect(tampered.statusCode).toBe(404);
    expect(tampered.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(parseXml(tampered.body).children[1]?.text).toContain('n’existe pas');
    expect((await picture('pas-un-jeton')).statusCode).toBe(404);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/embeds/${embed.id}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(204);
    const refused = await picture(embed.token);
    expect(refused.statusCode).toBe(410);
    expect(refused.headers['cache-control']).toBe('no-store');
    const root = parseXml(refused.body);
    expect(root.children[1]?.text).toContain('révoqué');
    expect(byClass(root, 'kpi-value')).toEqual([]);
  });

  it('says in French when the embed cannot be a picture (a map, a whole dashboard)', async () => {
    const map = await createEmbed({ widgetId: 'carte-departements' });
    const refusedMap = await picture(map.token);
    expect(refusedMap.statusCode).toBe(422);
    expect(parseXml(refusedMap.body).children[1]?.text).toBe(
      'Ce type de widget ne peut pas être rendu en image ; utilisez l’iframe.',
    );
    const whole = await createEmbed({});
    const refusedWhole = await picture(whole.token);
    expect(refusedWhole.statusCode).toBe(422);
    expect(parseXml(refusedWhole.body).children[1]?.text).toContain('tableau de bord entier');
  });
});
