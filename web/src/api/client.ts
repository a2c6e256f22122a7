import type { ApiErrorBody, DatasetSummary, QueryResult, QuerySpec } from './types.ts';

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

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(
      'Le service Data-État est injoignable. Vérifiez votre connexion puis réessayez.',
      0,
      'NETWORK',
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
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
