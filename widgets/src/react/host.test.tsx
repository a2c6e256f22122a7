// @vitest-environment happy-dom
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeometry } from '../map/geometry.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';
import { reactRootPerTest } from '../testing/reactRoot.ts';
import { downloadExport } from '../widget/download.ts';
import { WidgetFrame } from '../widget/Frame.tsx';
import type { WidgetDefinition } from '../widget/types.ts';
import { ApiError, createWidgetHost, type WidgetHost } from './host.ts';
import type { WidgetScope } from './scope.ts';
import { useWidgetData } from './useWidgetData.ts';
import { WidgetHostProvider } from './WidgetHostProvider.tsx';

/**
 * Two real HTTP listeners stand for two Data-État APIs (the app's, and the one an embed on the
 * same page talks to). Each answers with its own figure and records what it received.
 */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

const meta = {
  rowCount: 1,
  truncated: false,
  cached: false,
  engineMs: 1,
  dataVersion: 'v1',
  source: 'Chorus',
  updatedAt: null,
  demo: false,
  engine: 'duckdb' as const,
};

function answer(figure: number): QueryResult {
  return {
    columns: [{ id: 'montant_cp', label: 'Montant payé', type: 'number', format: 'eur', role: 'measure' }],
    rows: [[figure]],
    totals: {},
    meta,
  };
}

const geoConfig = {
  basemapStyleUrl: null,
  attribution: 'IGN',
  communeTiles: {
    url: '/api/geo/tiles/communes/{z}/{x}/{y}.pbf',
    sourceLayer: 'communes',
    minzoom: 0,
    maxzoom: 10,
    promoteId: 'code',
  },
};

async function listen(name: string, figure: number) {
  const received: Received[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    // The page (happy-dom) is on another origin: answer CORS like an embed-enabled API.
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'content-type, x-csrf-token, authorization');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: text ? JSON.parse(text) : null,
    });
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.url === '/api/embed/query') {
      const { widgetId, spec } = JSON.parse(text) as { widgetId: string; spec: QuerySpec };
      json(200, answer(widgetId === 'paiements' && spec.dataset === 'chorus_lignes' ? figure + 1 : -1));
    } else if (request.url?.startsWith('/api/embed/export')) {
      response.writeHead(200, { 'Content-Type': 'text/csv' }).end('montant_cp\n1\n');
    } else if (request.url === '/api/query') {
      const spec = JSON.parse(text) as QuerySpec;
      if (spec.dataset !== 'chorus_lignes') {
        json(400, { error: { code: 'SPEC_UNKNOWN_DATASET', message: `Jeu inconnu sur ${name}.` } });
        return;
      }
      json(200, answer(figure));
    } else if (request.url === '/api/geo/config') json(200, { ...geoConfig, attribution: name });
    else if (request.url === '/api/geo/departement')
      json(200, { type: 'FeatureCollection', features: [], name });
    else json(404, { error: { code: 'NOT_FOUND', message: 'Introuvable.' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, received, base: `http://127.0.0.1:${port}` };
}

let app: Awaited<ReturnType<typeof listen>>;
let embed: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  [app, embed] = await Promise.all([listen('application', 1_234), listen('intégration', 5_678)]);
});
afterAll(async () => {
  await Promise.all([app, embed].map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

const kpi: WidgetDefinition = {
  id: 'paiements',
  type: 'kpi',
  title: 'Paiements',
  query: { dataset: 'chorus_lignes', measures: ['montant_cp'] },
  options: {},
};

/** A widget through the data hook, its body replaced by the raw figure. */
function Probe({ widget }: { widget: WidgetDefinition }) {
  const data = useWidgetData(widget);
  return (
    <WidgetFrame
      {...data.frame}
      renderBody={(result) => (
        <output data-testid={`figure-${widget.id}`}>{String(result.rows[0]?.[0])}</output>
      )}
    />
  );
}

const dom = reactRootPerTest();

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Délai dépassé : ${what}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

function render(appHost: WidgetHost, embedHost: WidgetHost, widgets: [WidgetDefinition, WidgetDefinition]) {
  // One query cache for the page, as when the app and an embed bundle share react-query.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  act(() =>
    dom.root.render(
      <QueryClientProvider client={client}>
        <WidgetHostProvider host={appHost}>
          <div id="app">
            <Probe widget={widgets[0]} />
          </div>
          <WidgetHostProvider host={embedHost}>
            <div id="embed">
              <Probe widget={widgets[1]} />
            </div>
          </WidgetHostProvider>
        </WidgetHostProvider>
      </QueryClientProvider>,
    ),
  );
}

const figure = (scope: string, id: string) =>
  dom.container.querySelector(`#${scope} [data-testid="figure-${id}"]`)?.textContent ?? null;

describe('WidgetHost', () => {
  it('sends each widget’s query to its own host, with that host’s credentials, and never mixes results', async () => {
    app.received.length = 0;
    embed.received.length = 0;
    const appHost = createWidgetHost({
      apiBase: app.base,
      headers: () => ({ 'x-csrf-token': 'jeton-session' }),
    });
    const embedHost = createWidgetHost({
      apiBase: `${embed.base}/`,
      credentials: 'omit',
      headers: () => ({ authorization: 'Bearer jeton-integration' }),
    });
    // The same definition on both hosts: a shared cache keyed on the query alone would show one
    // host's figure in the other.
    render(appHost, embedHost, [kpi, kpi]);
    await until(() => figure('app', kpi.id) !== null && figure('embed', kpi.id) !== null, 'deux chiffres');
    expect(figure('app', kpi.id)).toBe('1234');
    expect(figure('embed', kpi.id)).toBe('5678');

    const [toApp] = app.received.filter((r) => r.url === '/api/query');
    const [toEmbed] = embed.received.filter((r) => r.url === '/api/query');
    expect(app.received.filter((r) => r.url === '/api/query')).toHaveLength(1);
    expect(embed.received.filter((r) => r.url === '/api/query')).toHaveLength(1);
    expect(toApp?.headers['x-csrf-token']).toBe('jeton-session');
    expect(toApp?.headers.authorization).toBeUndefined();
    expect(toEmbed?.headers.authorization).toBe('Bearer jeton-integration');
    expect(toEmbed?.headers['x-csrf-token']).toBeUndefined();
  });

  it('shapes the query by type before sending it (a pivot asks its subtotals)', async () => {
    app.received.length = 0;
    const pivot: WidgetDefinition = {
      id: 'croise',
      type: 'pivot',
      title: 'Croisé',
      query: { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['region', 'departement'] },
      options: {},
    };
    const host = createWidgetHost({ apiBase: app.base });
    render(host, createWidgetHost({ apiBase: embed.base }), [pivot, { ...kpi, id: 'autre' }]);
    await until(() => figure('app', pivot.id) !== null, 'le croisé');
    const sent = app.received.find((r) => r.url === '/api/query')?.body as QuerySpec;
    expect(sent.subtotals).toEqual(['region']);
    expect(sent.totals).toBe(true);
  });

  it('shows the failing host’s French message in its own widget only', async () => {
    const broken: WidgetDefinition = { ...kpi, id: 'casse', query: { dataset: 'inconnu', measures: ['x'] } };
    render(createWidgetHost({ apiBase: app.base }), createWidgetHost({ apiBase: embed.base }), [kpi, broken]);
    await until(
      () => dom.container.querySelector('#embed [role="alert"]') !== null && figure('app', kpi.id) !== null,
      'l’erreur',
    );
    expect(dom.container.querySelector('#embed [role="alert"]')?.textContent).toContain(
      'Jeu inconnu sur intégration.',
    );
    expect(dom.container.querySelector('#app [role="alert"]')).toBeNull();
  });

  it('fetches map geometry from its own host, once per host', async () => {
    app.received.length = 0;
    embed.received.length = 0;
    const appHost = createWidgetHost({ apiBase: app.base });
    const embedHost = createWidgetHost({ apiBase: embed.base });
    const data = {
      kind: 'areas' as const,
      data: {
        field: 'departement',
        level: 'departement' as const,
        measure: { id: 'm', title: 'M', format: 'eur' as const },
        areas: [],
      },
    };
    const [first, second] = await Promise.all(
      [appHost, embedHost].map((host) => loadGeometry(host.geo, data, { mode: 'choropleth' })),
    );
    // A second map of the same host reuses its files.
    await loadGeometry(appHost.geo, data, { mode: 'choropleth' });
    expect(first?.attribution).toBe('application');
    expect(second?.attribution).toBe('intégration');
    // Tile URLs are absolute on the host's API (MapLibre's workers fetch them).
    expect(second?.communeTiles.url).toBe(`${embed.base}/api/geo/tiles/communes/{z}/{x}/{y}.pbf`);
    expect(app.received.map((r) => r.url).sort()).toEqual(['/api/geo/config', '/api/geo/departement']);
    expect(embed.received.map((r) => r.url).sort()).toEqual(['/api/geo/config', '/api/geo/departement']);
  });

  it('posts { widgetId, spec } for a grant host, to its queries and exports, cached per widget', async () => {
    embed.received.length = 0;
    const grant = createWidgetHost({
      apiBase: embed.base,
      credentials: 'omit',
      headers: () => ({ authorization: 'Bearer jeton' }),
      queryPath: '/api/embed/query',
      exportPath: '/api/embed/export',
      queryBody: (spec, widgetId) => ({ widgetId, spec }),
    });
    // Two widgets with the same query: each is asked for under its own id.
    const twin: WidgetDefinition = { ...kpi, id: 'jumeau' };
    render(grant, grant, [kpi, twin]);
    await until(() => figure('app', kpi.id) !== null && figure('embed', twin.id) !== null, 'deux chiffres');
    expect(figure('app', kpi.id)).toBe('5679');
    expect(figure('embed', twin.id)).toBe('-1');
    const bodies = embed.received.filter((r) => r.url === '/api/embed/query').map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies).toContainEqual({ widgetId: 'paiements', spec: kpi.query });
    expect(bodies).toContainEqual({ widgetId: 'jumeau', spec: kpi.query });

    const { bytes } = await downloadExport({
      host: grant,
      query: kpi.query as QuerySpec,
      widgetId: kpi.id,
      format: 'csv',
      name: 'paiements',
    });
    const exported = embed.received.find((r) => r.url?.startsWith('/api/embed/export'));
    expect(exported?.url).toBe('/api/embed/export?format=csv');
    expect(exported?.body).toEqual({ widgetId: 'paiements', spec: kpi.query });
    expect(exported?.headers.authorization).toBe('Bearer jeton');
    expect(bytes).toBe(13);
  });

  it('turns an unreachable host into a French ApiError', async () => {
    const gone = createWidgetHost({ apiBase: 'http://127.0.0.1:9' });
    const failure = await gone.runQuery(kpi.query as QuerySpec).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('NETWORK');
  });
});

/** A table through the hook, with buttons standing for its pager and for a dashboard filter. */
function PagedTable({ widget, scopes }: { widget: WidgetDefinition; scopes: readonly WidgetScope[] }) {
  const [which, setWhich] = useState(0);
  const data = useWidgetData(widget, scopes[which]);
  return (
    <div>
      <output data-testid="status">{data.status}</output>
      <button type="button" id="next" onClick={() => data.frame.onQueryChange({ offset: 25 })} />
      <button type="button" id="filter" onClick={() => setWhich(1)} />
    </div>
  );
}

describe('useWidgetData', () => {
  it('asks the page the renderer wants, and starts over on the first page when the scope changes', async () => {
    app.received.length = 0;
    const table: WidgetDefinition = {
      id: 'lignes',
      type: 'table',
      title: 'Lignes',
      query: { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['annee'] },
      options: { pageSize: 25 },
    };
    const catalogue = [{ id: 'chorus_lignes', dimensions: [{ id: 'annee', type: 'year' }] }];
    const scopes: WidgetScope[] = [
      { filters: [], mapLevel: null, selections: [], catalogue },
      {
        filters: [{ id: 'periode', kind: 'annee', value: [2024] }],
        mapLevel: null,
        selections: [],
        catalogue,
      },
    ];
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    act(() =>
      dom.root.render(
        <QueryClientProvider client={client}>
          <WidgetHostProvider host={createWidgetHost({ apiBase: app.base })}>
            <PagedTable widget={table} scopes={scopes} />
          </WidgetHostProvider>
        </QueryClientProvider>,
      ),
    );
    const queries = () => app.received.filter((r) => r.url === '/api/query').map((r) => r.body as QuerySpec);
    await until(() => queries().length === 1, 'la première page');
    expect(queries()[0]).toMatchObject({ limit: 25, offset: 0, totals: true });

    act(() => dom.container.querySelector<HTMLButtonElement>('#next')?.click());
    await until(() => queries().length === 2, 'la page suivante');
    expect(queries()[1]).toMatchObject({ limit: 25, offset: 25 });

    act(() => dom.container.querySelector<HTMLButtonElement>('#filter')?.click());
    await until(() => queries().length === 3, 'la page filtrée');
    expect(queries()[2]).toMatchObject({
      offset: 0,
      filters: [{ field: 'annee', op: 'eq', values: [2024] }],
    });
  });
});
