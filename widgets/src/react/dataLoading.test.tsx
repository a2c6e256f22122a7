// @vitest-environment happy-dom
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../spec/types.ts';
import { reactRootPerTest } from '../testing/reactRoot.ts';
import { WidgetFrame } from '../widget/Frame.tsx';
import type { WidgetDefinition } from '../widget/types.ts';
import { ApiError, createWidgetHost } from './host.ts';
import {
  DATA_LOADING_NOTE,
  useWidgetData,
  widgetQueryRetry,
  widgetQueryRetryDelay,
} from './useWidgetData.ts';
import { WidgetHostProvider } from './WidgetHostProvider.tsx';

/**
 * A real listener playing a server that is still loading its data: the first `loadingAnswers`
 * queries get 503 DATA_NOT_LOADED with Retry-After (as the server answers during its first load),
 * then the figure.
 */
const loadingAnswers = 1;
let queries = 0;
let server: Server;
let base: string;

const result: QueryResult = {
  columns: [{ id: 'montant_cp', label: 'Montant payé', type: 'number', format: 'eur', role: 'measure' }],
  rows: [[4_321]],
  totals: {},
  meta: {
    rowCount: 1,
    truncated: false,
    cached: false,
    engineMs: 1,
    dataVersion: 'v1',
    source: 'Chorus',
    updatedAt: null,
    demo: false,
    engine: 'duckdb',
  },
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    for await (const _ of request) {
      // drain the body
    }
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'content-type');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    queries += 1;
    if (queries <= loadingAnswers) {
      response.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5' }).end(
        JSON.stringify({
          error: { code: 'DATA_NOT_LOADED', message: 'Le jeu « chorus_lignes » n’est pas encore chargé.' },
        }),
      );
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const kpi: WidgetDefinition = {
  id: 'paiements',
  type: 'kpi',
  title: 'Paiements',
  query: { dataset: 'chorus_lignes', measures: ['montant_cp'] },
  options: {},
};

function Probe() {
  const data = useWidgetData(kpi);
  return (
    <WidgetFrame
      {...data.frame}
      renderBody={(answer) => <output data-testid="figure">{String(answer.rows[0]?.[0])}</output>}
    />
  );
}

const dom = reactRootPerTest();

describe('a widget while the server loads its data', () => {
  it('says the data is coming, asks again after Retry-After, then shows it (no error on the way)', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    act(() =>
      dom.root.render(
        <QueryClientProvider client={client}>
          <WidgetHostProvider host={createWidgetHost({ apiBase: base })}>
            <Probe />
          </WidgetHostProvider>
        </QueryClientProvider>,
      ),
    );
    const text = () => dom.container.textContent ?? '';
    const seen: string[] = [];
    const deadline = Date.now() + 15_000;
    while (!dom.container.querySelector('[data-testid="figure"]')) {
      if (Date.now() > deadline) throw new Error(`Délai dépassé ; vu : ${text()}`);
      seen.push(text());
      await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    }
    expect(seen.some((t) => t.includes(DATA_LOADING_NOTE))).toBe(true);
    expect(seen.some((t) => t.includes('Impossible d’afficher'))).toBe(false);
    expect(dom.container.querySelector('[data-testid="figure"]')?.textContent).toBe('4321');
    expect(dom.container.querySelector('[data-testid="widget-loading-note"]')).toBeNull();
    expect(queries).toBe(loadingAnswers + 1);
  }, 20_000);

  it('waits for a loading server much longer than for a failing one, never for a refused query', () => {
    const loading = new ApiError('pas encore chargé', 503, 'DATA_NOT_LOADED');
    const failing = new ApiError('erreur', 500, 'INTERNAL');
    const refused = new ApiError('champ inconnu', 400, 'SPEC_UNKNOWN_FIELD');
    expect(widgetQueryRetry(60, loading)).toBe(true);
    expect(widgetQueryRetry(120, loading)).toBe(false);
    expect(widgetQueryRetry(1, failing)).toBe(true);
    expect(widgetQueryRetry(2, failing)).toBe(false);
    expect(widgetQueryRetry(0, refused)).toBe(false);
    expect(widgetQueryRetryDelay(3, loading)).toBe(5_000);
    expect(widgetQueryRetryDelay(1, failing)).toBe(2_000);
  });
});
