/**
 * « Télécharger : PNG »: the widget's picture as a PNG file. Loaded on demand by the export menu
 * (pages that never export do not download the drawing code). The renderer gives its visual,
 * this module frames it (compose.ts) and writes the picture's words into the file (png.ts).
 */
import { formatDate, formatInteger } from '../format/index.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';
import type { ExportableVisual } from '../widget/types.ts';
import { composePicture, DEMO_MENTION, PICTURE_CONTENT_WIDTH, type PictureFrame } from './compose.ts';
import { type FilterLabels, filterWords, mergeFilterLabels, resultFilterLabels } from './filterWords.ts';
import { withTextChunks } from './png.ts';

export interface PictureExport {
  readonly exportable: ExportableVisual;
  readonly title: string;
  readonly description?: string | undefined;
  /** The query run (its filters are said in words); null for a widget without data. */
  readonly query: QuerySpec | null;
  readonly result: QueryResult | null;
  /** Names the page knows for the filters (the dashboard's choices, the catalogue's labels). */
  readonly filterLabels: FilterLabels;
  /** The frame says the result is cut (« Affichage des N premières lignes »): the picture too. */
  readonly truncated: boolean;
  readonly madeAt?: Date;
}

/** The frame of the picture: what every widget's picture says around its visual. */
export function pictureFrame(input: PictureExport): PictureFrame {
  const { query, result } = input;
  return {
    title: input.title,
    description: input.description,
    filters: query
      ? filterWords(query.filters ?? [], mergeFilterLabels(input.filterLabels, resultFilterLabels(result)))
      : null,
    provenance: result
      ? {
          dataset: result.meta.datasetTitle ?? null,
          source: result.meta.source,
          dataDate: formatDate(result.meta.updatedAt),
          demo: result.meta.demo,
        }
      : null,
    notes:
      input.truncated && result
        ? [`Seules les ${formatInteger(result.meta.rowCount)} premières lignes sont représentées.`]
        : [],
    madeAt: input.madeAt ?? new Date(),
  };
}

/** The DSFR font in both weights, before drawing: a canvas never waits for a font. */
async function fontsReady(): Promise<void> {
  const fonts = typeof document === 'undefined' ? undefined : document.fonts;
  if (!fonts) return;
  await Promise.all([fonts.load('400 16px Marianne'), fonts.load('700 16px Marianne')]).catch(
    () => undefined,
  );
  await fonts.ready;
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('L’image n’a pas pu être encodée.'))),
      'image/png',
    ),
  );
}

/** The picture as a PNG file, with its title, words, date and demonstration mention as text chunks. */
export async function exportPicture(input: PictureExport): Promise<Blob> {
  await fontsReady();
  const frame = pictureFrame(input);
  const visual = await input.exportable.picture({ width: PICTURE_CONTENT_WIDTH });
  const { canvas, texts } = composePicture(frame, visual);
  const png = new Uint8Array(await (await toBlob(canvas)).arrayBuffer());
  const file = withTextChunks(png, {
    Title: frame.title,
    Description: texts.map((run) => run.text).join('\n'),
    'Creation Time': frame.madeAt.toUTCString(),
    Software: 'Data-État',
    ...(frame.provenance?.demo ? { Disclaimer: DEMO_MENTION } : {}),
  });
  return new Blob([file.buffer as ArrayBuffer], { type: 'image/png' });
}
