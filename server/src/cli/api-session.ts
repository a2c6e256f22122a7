/**
 * A command-line tool's session on a running Data-État server, as the web app has one: password
 * sign-in (cookie + CSRF token, renewed on use), then JSON calls whose errors carry the server's
 * French message. Used by `pnpm run import` and `pnpm dashboards` (with DATAETAT_URL).
 */

const SESSION_COOKIE = 'dataetat_session';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export class ApiSession {
  private cookie = '';
  private csrf = '';

  constructor(readonly baseUrl: string) {}

  /** Opens a session. No logout at the end: the server's logout closes every session of the account. */
  async login(email: string, password: string): Promise<void> {
    const body = await this.call<{ csrfToken: string }>('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    this.csrf = body.csrfToken;
  }

  /** `route` with a JSON body (none for GET); the answer's JSON, or an ApiError. */
  json<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown): Promise<T> {
    return this.call<T>(route, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
  }

  protected async call<T>(route: string, init: RequestInit = {}): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(init.headers as Record<string, string> | undefined),
    };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && init.method && init.method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const url = new URL(route, this.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ApiError(
        `Serveur Data-État injoignable à ${this.baseUrl}${cause ? ` (${cause})` : ''} : vérifiez DATAETAT_URL et que le serveur tourne.`,
        0,
        'NETWORK',
      );
    }
    // The server renews the session cookie on use: keep the newest.
    const renewed = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (renewed) this.cookie = renewed.split(';')[0] ?? '';
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    if (!response.ok) {
      throw new ApiError(
        body?.error?.message ?? `Le serveur a répondu par une erreur inattendue (HTTP ${response.status}).`,
        response.status,
        body?.error?.code ?? `HTTP_${response.status}`,
      );
    }
    return body as T;
  }
}
