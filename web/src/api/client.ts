import type { ApiErrorBody, DatasetSummary, FieldValues, QueryResult, QuerySpec } from './types.ts';

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

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/**
 * Session glue set by the auth provider (web/src/auth/): the CSRF token the server gave at login
 * (sent back in `x-csrf-token` on every state-changing request) and what to do when the
 * session is gone (401: back to the login page).
 */
export const session: { csrfToken: string | null; onUnauthorized: (() => void) | null } = {
  csrfToken: null,
  onUnauthorized: null,
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  const method = (init.method ?? 'GET').toUpperCase();
  const csrf: Record<string, string> =
    !SAFE_METHODS.has(method) && session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...csrf,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(
      'Le service Data-État est injoignable. Vérifiez votre connexion puis réessayez.',
      0,
      'NETWORK',
    );
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // Session absent or expired (not a wrong password on the login form): sign in again.
    if (response.status === 401 && isErrorBody(body) && body.error.code === 'AUTH_REQUIRED') {
      session.onUnauthorized?.();
    }
    if (isErrorBody(body)) {
      throw new ApiError(body.error.message, response.status, body.error.code, body.error.details);
    }
    throw new ApiError(
      `Le serveur a répondu par une erreur inattendue (HTTP ${response.status}).`,
      response.status,
      `HTTP_${response.status}`,
    );
  }
  if (body === null) {
    throw new ApiError('Réponse du serveur illisible.', response.status, 'INVALID_RESPONSE');
  }
  return body as T;
}

export async function fetchDatasets(signal?: AbortSignal): Promise<readonly DatasetSummary[]> {
  const body = await request<{ datasets: DatasetSummary[] }>('/api/datasets', { signal });
  return body.datasets;
}

export function runQuery(spec: QuerySpec, signal?: AbortSignal): Promise<QueryResult> {
  return request<QueryResult>('/api/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
    signal,
  });
}

export function fetchDataset(id: string, signal?: AbortSignal): Promise<DatasetSummary> {
  return request<DatasetSummary>(`/api/datasets/${encodeURIComponent(id)}`, { signal });
}

export interface ValuesSearch {
  /** Accent- and case-insensitive search in codes and labels. */
  readonly q?: string;
  readonly limit?: number;
}

function searchParams(entries: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Distinct values of a dataset field, for filter pickers. */
export function fetchFieldValues(
  dataset: string,
  field: string,
  search: ValuesSearch,
  signal?: AbortSignal,
): Promise<FieldValues> {
  const path = `/api/datasets/${encodeURIComponent(dataset)}/values/${encodeURIComponent(field)}`;
  return request<FieldValues>(`${path}${searchParams({ q: search.q?.trim(), limit: search.limit })}`, {
    signal,
  });
}

/** Reference pickers (COG, LOLF): `kind` = regions, departements, epci, communes, programmes, themes. */
export function fetchReference(
  kind: string,
  search: ValuesSearch & { readonly parents?: Readonly<Record<string, string>> },
  signal?: AbortSignal,
): Promise<FieldValues> {
  const query = searchParams({ q: search.q?.trim(), limit: search.limit, ...search.parents });
  return request<FieldValues>(`/api/reference/${encodeURIComponent(kind)}${query}`, { signal });
}
