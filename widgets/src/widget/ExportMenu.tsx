import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../format/index.ts';
import type { PictureExport } from '../picture/export.ts';
import { useWidgetHost } from '../react/WidgetHostProvider.tsx';
import type { QuerySpec } from '../spec/types.ts';
import { type DataExportFormat, downloadExport, ExportError, saveFile, slugify } from './download.ts';
import type { ExportableVisual } from './types.ts';

export interface ExportMenuProps {
  readonly title: string;
  /** The widget exported (a grant host posts `{ widgetId, spec }`). */
  readonly widgetId?: string;
  /** The query with the active filters; absent = no CSV/XLSX (text widgets). */
  readonly query: QuerySpec | null;
  /** Registered by the renderer; absent = no PNG (nothing drawn yet). */
  readonly exportable: ExportableVisual | null;
  /** What the picture says around the visual: description, result (provenance), filter names. */
  readonly picture: Pick<PictureExport, 'description' | 'result' | 'filterLabels' | 'truncated'>;
  /**
   * For a narrow cell: « Télécharger » said by one download icon before the formats (and to
   * screen readers by the legend), instead of words and an icon on every button.
   */
  readonly compact?: boolean;
}

type Running = DataExportFormat | 'png' | null;

const FORMAT_LABELS: Record<DataExportFormat | 'png', string> = {
  csv: 'CSV',
  xlsx: 'XLSX',
  png: 'PNG',
};

const FORMAT_TITLES: Record<DataExportFormat | 'png', string> = {
  csv: 'Télécharger les données au format CSV (séparateur point-virgule, UTF-8)',
  xlsx: 'Télécharger les données au format Excel (XLSX)',
  png: 'Télécharger une image PNG avec titre, filtres, légende et source',
};

/** `1 234 567` bytes → `1,2 Mo`. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, { maximumFractionDigits: 0 })} ko`;
  return `${formatNumber(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} Mo`;
}

/**
 * « Télécharger : CSV XLSX PNG ». One export at a time: the buttons are disabled while a file is
 * prepared, progress and the outcome are announced in a status region.
 */
export function ExportMenu({
  title,
  widgetId,
  query,
  exportable,
  picture,
  compact = false,
}: ExportMenuProps) {
  const host = useWidgetHost();
  const [running, setRunning] = useState<Running>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const formats: (DataExportFormat | 'png')[] = [
    ...(query ? (['csv', 'xlsx'] as const) : []),
    ...(exportable ? (['png'] as const) : []),
  ];
  if (formats.length === 0) return null;

  async function run(format: DataExportFormat | 'png') {
    setRunning(format);
    setError(null);
    setStatus(`Préparation du fichier ${FORMAT_LABELS[format]}…`);
    const name = slugify(title);
    try {
      if (format === 'png') {
        if (!exportable) return;
        // The drawing code is loaded on the first picture only.
        const { exportPicture } = await import('../picture/export.ts');
        const url = URL.createObjectURL(await exportPicture({ exportable, title, query, ...picture }));
        saveFile(url, `${name}.png`);
        // The download has its own copy once started.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setStatus(`Image ${name}.png téléchargée.`);
      } else if (query) {
        abort.current = new AbortController();
        const { filename, bytes } = await downloadExport({
          host,
          query,
          ...(widgetId ? { widgetId } : {}),
          format,
          name,
          signal: abort.current.signal,
          onProgress: (received, total) =>
            setStatus(
              `Téléchargement du fichier ${FORMAT_LABELS[format]} : ${formatBytes(received)}${total ? ` sur ${formatBytes(total)}` : ''}…`,
            ),
        });
        setStatus(`Fichier ${filename} téléchargé (${formatBytes(bytes)}).`);
      }
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      setStatus('');
      setError(
        cause instanceof ExportError
          ? cause.message
          : `L’export ${FORMAT_LABELS[format]} a échoué. Réessayez ; si le problème persiste, utilisez un autre format.`,
      );
    } finally {
      setRunning(null);
    }
  }

  return (
    <div className="dataetat-export">
      <fieldset
        className="fr-m-0 fr-p-0"
        style={{ border: 0, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.25rem' }}
      >
        {/* A no-break space before the colon (French typography) and no wrap: the colon never
            ends up alone on its own line in a narrow cell. */}
        <legend
          className={compact ? 'fr-sr-only' : 'fr-text--sm fr-mb-0'}
          style={compact ? undefined : { float: 'left', marginRight: '0.25rem', whiteSpace: 'nowrap' }}
        >
          {'Télécharger\u00a0:'}
        </legend>
        {compact && (
          <span
            aria-hidden="true"
            className="fr-icon-download-line fr-icon--sm"
            title="Télécharger"
            style={{ color: 'var(--text-action-high-blue-france)' }}
          />
        )}
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            className={`fr-btn fr-btn--sm fr-btn--tertiary-no-outline${compact ? '' : ' fr-icon-download-line fr-btn--icon-left'}`}
            title={FORMAT_TITLES[format]}
            disabled={running !== null}
            aria-busy={running === format}
            onClick={() => void run(format)}
          >
            {FORMAT_LABELS[format]}
          </button>
        ))}
      </fieldset>
      <p role="status" className="fr-text--xs fr-mb-0">
        {status}
      </p>
      {error && (
        <p role="alert" className="fr-error-text fr-mt-0">
          {error}
        </p>
      )}
    </div>
  );
}
