import type { ImportJobAnswer, ImportList } from '@dataetat/widgets';
import { readApiResponse } from '@dataetat/widgets/react';
import { ApiError, csrfHeaders, request, session } from '../../../api/client.ts';

/** `/api/imports…` (server/src/routes/imports.ts), administrators only. */

export const HISTORY_SIZE = 20;

export function fetchImports(signal?: AbortSignal): Promise<ImportList> {
  return request<ImportList>(`/api/imports?limit=${HISTORY_SIZE}`, { signal });
}

export function fetchImport(id: number, signal?: AbortSignal): Promise<ImportJobAnswer> {
  return request<ImportJobAnswer>(`/api/imports/${id}`, { signal });
}

export type ImportMode = 'tout_ou_rien' | 'ignorer_invalides';

export function confirmImport(
  id: number,
  choice: { readonly mode: ImportMode; readonly region?: string },
): Promise<ImportJobAnswer> {
  return request<ImportJobAnswer>(`/api/imports/${id}/confirmation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(choice),
  });
}

export function cancelImport(id: number): Promise<ImportJobAnswer> {
  return request<ImportJobAnswer>(`/api/imports/${id}`, { method: 'DELETE' });
}

/**
 * Sends a file (`fichier` of a multipart form). XMLHttpRequest rather than fetch: only it
 * reports how much of the body has gone, for the upload's progress bar. The answer is read as
 * every other API answer (French message of a refusal, 401 → sign in again).
 */
export function uploadImport(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportJobAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': 'application/json' },
      });
      readApiResponse<ImportJobAnswer>(response, () => session.onUnauthorized?.()).then(resolve, reject);
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          'Le fichier n’a pas pu être envoyé : le service Data-État est injoignable. Vérifiez votre connexion puis réessayez.',
          0,
          'NETWORK',
        ),
      );
    xhr.onabort = () => reject(new DOMException('Envoi annulé', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('fichier', file, file.name);
    xhr.send(form);
  });
}
