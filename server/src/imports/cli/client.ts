import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { ImportJobAnswer } from '@dataetat/widgets';

/**
 * The HTTP API of imports as a command-line tool uses it: a password session (cookie + CSRF
 * token, as the web app), then `/api/imports…`. Errors carry the server's French message.
 */

const SESSION_COOKIE = 'dataetat_session';

export class ImportApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export type ImportModeChoice = 'tout_ou_rien' | 'ignorer_invalides';

export class ImportClient {
  private cookie = '';
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  /** Opens a session. No logout at the end: the server's logout closes every session of the account. */
  async login(email: string, password: string): Promise<void> {
    const body = await this.call<{ csrfToken: string }>('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    this.csrf = body.csrfToken;
  }

  /** Sends the file (streamed from disk, `fichier` of a multipart form). */
  async upload(file: string): Promise<ImportJobAnswer> {
    const form = new FormData();
    form.append('fichier', await openAsBlob(file), path.basename(file));
    return this.call('/api/imports', { method: 'POST', body: form });
  }

  job(id: number): Promise<ImportJobAnswer> {
    return this.call(`/api/imports/${id}`);
  }

  confirm(id: number, choice: { mode: ImportModeChoice; region?: string }): Promise<ImportJobAnswer> {
    return this.call(`/api/imports/${id}/confirmation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(choice),
    });
  }

  cancel(id: number): Promise<ImportJobAnswer> {
    return this.call(`/api/imports/${id}`, { method: 'DELETE' });
  }

  reportUrl(answer: ImportJobAnswer): string {
    return new URL(answer.job.reportUrl, this.baseUrl).href;
  }

  private async call<T>(route: string, init: RequestInit = {}): Promise<T> {
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
      throw new ImportApiError(
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
      throw new ImportApiError(
        body?.error?.message ?? `Le serveur a répondu par une erreur inattendue (HTTP ${response.status}).`,
        response.status,
        body?.error?.code ?? `HTTP_${response.status}`,
      );
    }
    return body as T;
  }
}
