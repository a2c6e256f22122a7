import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { ImportJobAnswer } from '@dataetat/widgets';
import { ApiError, ApiSession } from '../../cli/api-session.ts';

/** The HTTP API of imports as a command-line tool uses it (see ApiSession for the session). */

export { ApiError as ImportApiError };

export type ImportModeChoice = 'tout_ou_rien' | 'ignorer_invalides';

export class ImportClient extends ApiSession {
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
    return this.json('POST', `/api/imports/${id}/confirmation`, choice);
  }

  cancel(id: number): Promise<ImportJobAnswer> {
    return this.call(`/api/imports/${id}`, { method: 'DELETE' });
  }

  reportUrl(answer: ImportJobAnswer): string {
    return new URL(answer.job.reportUrl, this.baseUrl).href;
  }
}
