/**
 * Exports of a widget: CSV/XLSX are produced by the server (`POST /api/query/export`, streamed,
 * so large results do not go through the browser's memory twice); PNG comes from the renderer.
 */
import type { WidgetHost } from '../react/host.ts';
import type { QuerySpec } from '../spec/types.ts';

export type DataExportFormat = 'csv' | 'xlsx';

/** `2026-12-02`: the day in Paris, as the server dates its exports. */
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);
}

/** What the user reads when an export fails (French, says what to do). */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

/** `Montant payé par région` → `montant-paye-par-region` (file names without accents or spaces). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'donnees';
}

/** Saves a blob or data URL as a file through a temporary link. */
export function saveFile(href: string, filename: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

async function errorMessage(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === 'string') return message;
  return `Le serveur n’a pas pu produire le fichier (HTTP ${response.status}). Réessayez dans un instant.`;
}

export interface ExportDownloadOptions {
  /** Whose export endpoint, credentials and headers (the app's CSRF token, an embed's token). */
  readonly host: Pick<WidgetHost, 'fetch' | 'exportPath' | 'requestBody'>;
  readonly query: QuerySpec;
  /** The exported widget (a grant host posts `{ widgetId, spec }`). */
  readonly widgetId?: string;
  readonly format: DataExportFormat;
  /**
   * What the user knows the data by, as a file name (`slugify` of the widget's title): the file
   * is `<name>-<day>.<format>`. The server's own name (dataset id) serves callers of the API.
   */
  readonly name: string;
  readonly signal?: AbortSignal;
  /** Bytes received so far, and the total when the server announced it. */
  readonly onProgress?: (received: number, total: number | null) => void;
}

/**
 * Runs the export on the server and saves the response: fetch → blob (read chunk by chunk to
 * report progress) → object URL → download, named after the widget and the day in Paris.
 */
export async function downloadExport(
  options: ExportDownloadOptions,
): Promise<{ filename: string; bytes: number }> {
  const { host } = options;
  let response: Response;
  try {
    response = await host.fetch(`${host.exportPath}?format=${options.format}`, {
      method: 'POST',
      headers: { Accept: '*/*', 'Content-Type': 'application/json' },
      body: JSON.stringify(host.requestBody(options.query, options.widgetId)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ExportError('Le service Data-État est injoignable : le fichier n’a pas pu être téléchargé.');
  }
  if (!response.ok) throw new ExportError(await errorMessage(response));
  const total = Number(response.headers.get('Content-Length')) || null;
  const chunks: BlobPart[] = [];
  let received = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress?.(received, total);
    }
  }
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const blob = new Blob(chunks, { type });
  const filename = `${options.name}-${parisDay(new Date())}.${options.format}`;
  const url = URL.createObjectURL(blob);
  try {
    saveFile(url, filename);
  } finally {
    // Give the browser time to start the download before releasing the blob.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { filename, bytes: blob.size };
}
