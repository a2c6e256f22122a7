import { ApiError, readApiResponse, UNREACHABLE_MESSAGE } from '@dataetat/widgets/react';
import type { DatasetSummary, FieldValues } from './types.ts';

// One error class for the app's calls and its widgets' (`instanceof` works on both).
export { ApiError };

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

/** The session's CSRF token as a header, for state-changing requests (the widgets' too). */
export function csrfHeaders(): Record<string, string> {
  return session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  const method = (init.method ?? 'GET').toUpperCase();
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(SAFE_METHODS.has(method) ? {} : csrfHeaders()),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(UNREACHABLE_MESSAGE, 0, 'NETWORK');
  }
  // Session absent or expired (not a wrong password on the login form): sign in again.
  return readApiResponse<T>(response, () => session.onUnauthorized?.());
}

export async function fetchDatasets(signal?: AbortSignal): Promise<readonly DatasetSummary[]> {
  const body = await request<{ datasets: DatasetSummary[] }>('/api/datasets', { signal });
  return body.datasets;
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
