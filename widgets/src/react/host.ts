/**
 * The page a widget lives in — the web app, or an embed on a préfecture intranet — as one value:
 * where the API is, how requests prove who asks (session cookie + CSRF token, or an embed token),
 * where exports and map boundaries come from. Widgets read it from `WidgetHostProvider`, so two
 * hosts can live on one page (the app and an embed bundle beside it).
 */
import { createGeoSource, type GeoSource } from '../map/geoSource.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';

/** An API failure, with the server's French message when there is one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Stable error code (`SPEC_UNKNOWN_FIELD`…), `NETWORK` or `HTTP_<status>`. */
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** 4xx: asking again will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export const UNREACHABLE_MESSAGE =
  'Le service Data-État est injoignable. Vérifiez votre connexion puis réessayez.';

function errorOf(body: unknown): { code?: unknown; message: string; details?: unknown } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  return typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }) : null;
}

/**
 * Reads a JSON API answer: the body, or an `ApiError` carrying the server's French message and
 * code; `onUnauthorized` is called when the session is gone (not on a wrong password).
 */
export async function readApiResponse<T>(response: Response, onUnauthorized?: () => void): Promise<T> {
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorOf(body);
    if (response.status === 401 && error?.code === 'AUTH_REQUIRED') onUnauthorized?.();
    if (error) {
      throw new ApiError(error.message, response.status, String(error.code ?? ''), error.details);
    }
    throw new ApiError(
      `Le serveur a répondu par une erreur inattendue (HTTP ${response.status}).`,
      response.status,
      `HTTP_${response.status}`,
    );
  }
  if (body === null) throw new ApiError('Réponse du serveur illisible.', response.status, 'INVALID_RESPONSE');
  return body as T;
}

export interface WidgetHostConfig {
  /** API root, e.g. `https://dataetat.gouv.fr`; empty = the page's own origin. */
  readonly apiBase?: string;
  /** Cookies: `same-origin` for the app, `omit` for an anonymous embed. Default `same-origin`. */
  readonly credentials?: RequestCredentials;
  /** Headers of every request, read at request time (CSRF token, `Authorization: Bearer <embed>`). */
  readonly headers?: () => Readonly<Record<string, string>>;
  /** The session is gone (401 `AUTH_REQUIRED`): the app sends the reader to the login page. */
  readonly onUnauthorized?: () => void;
  /**
   * Tells apart two hosts on the same API (two embed tokens on one page, each with its own
   * locked filters): their cached results are never shared.
   */
  readonly cacheKey?: string;
  /** Query endpoint, under `apiBase`. Default `/api/query`. */
  readonly queryPath?: string;
  /** CSV/XLSX export endpoint, under `apiBase`. Default `/api/query/export`. */
  readonly exportPath?: string;
  /** Boundaries and tiles, under `apiBase`. Default `/api/geo`. */
  readonly geoPath?: string;
  /**
   * The body of a query or export request. Default: the spec itself. A grant host (share link,
   * embed) posts `{ widgetId, spec }` so the server checks the spec stays within that widget.
   */
  readonly queryBody?: (spec: QuerySpec, widgetId: string | undefined) => unknown;
}

export interface WidgetHost {
  /** Identifies the host in cache keys: two hosts never share a cached result. */
  readonly key: string;
  /** Absolute URL of an API path of this host. */
  url(path: string): string;
  /** `fetch` with this host's base, credentials and headers. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Runs a widget query; failures are `ApiError`s with a French message. */
  runQuery(spec: QuerySpec, signal?: AbortSignal, widgetId?: string): Promise<QueryResult>;
  /** What a query or export request of this widget posts (see `WidgetHostConfig.queryBody`). */
  requestBody(spec: QuerySpec, widgetId?: string): unknown;
  /**
   * The request depends on the widget, not only on the spec (grant hosts): cached results are
   * then kept per widget.
   */
  readonly perWidget: boolean;
  /** Where CSV/XLSX exports are posted (a path for `fetch`). */
  readonly exportPath: string;
  /** Boundaries, centroids and tile URLs of this host (fetched once, shared by its maps). */
  readonly geo: GeoSource;
}

/** `{z}/{x}/{y}` placeholders must survive URL normalisation (which escapes braces). */
function absolute(base: string, path: string): string {
  return new URL(`${base}${path}`, globalThis.location?.href ?? 'http://localhost/').href
    .replaceAll('%7B', '{')
    .replaceAll('%7D', '}');
}

export function createWidgetHost(config: WidgetHostConfig = {}): WidgetHost {
  const base = (config.apiBase ?? '').replace(/\/$/, '');
  const queryPath = config.queryPath ?? '/api/query';
  const url = (path: string) => absolute(base, path);
  const queryBody = config.queryBody;
  const requestBody = (spec: QuerySpec, widgetId?: string) => (queryBody ? queryBody(spec, widgetId) : spec);
  const hostFetch = async (path: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await fetch(url(path), {
        ...init,
        credentials: config.credentials ?? 'same-origin',
        headers: {
          Accept: 'application/json',
          ...config.headers?.(),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(UNREACHABLE_MESSAGE, 0, 'NETWORK');
    }
  };
  return {
    key: config.cacheKey === undefined ? url(queryPath) : `${url(queryPath)}#${config.cacheKey}`,
    url,
    fetch: hostFetch,
    requestBody,
    perWidget: queryBody !== undefined,
    async runQuery(spec, signal, widgetId) {
      const response = await hostFetch(queryPath, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(requestBody(spec, widgetId)),
        ...(signal ? { signal } : {}),
      });
      return readApiResponse<QueryResult>(response, config.onUnauthorized);
    },
    exportPath: config.exportPath ?? '/api/query/export',
    geo: createGeoSource(hostFetch, url, config.geoPath ?? '/api/geo'),
  };
}
