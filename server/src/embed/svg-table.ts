/**
 * A table widget as SVG text: its first rows (as many as the height holds), with the same
 * columns, French-formatted cells and totals as the browser's table (`toTableView`).
 */
import {
  DSFR_GREY,
  formatInteger,
  type QueryResult,
  resolveTableOptions,
  toTableView,
  type WidgetDefinition,
} from '@dataetat/widgets';
import type { Box } from './svg-frame.ts';
import { PAD } from './svg-frame.ts';
import { charsIn, truncate, xmlText } from './svg-text.ts';

const SIZE = 13;
const ROW = 22;

export interface TablePicture {
  readonly body: string;
  readonly description: string;
  /** « Image limitée aux 12 premières lignes sur 50. » when rows were left out. */
  readonly note: string | null;
}

export function tableSvg(widget: WidgetDefinition, result: QueryResult, box: Box): TablePicture {
  const options = resolveTableOptions(widget.options);
  const view = toTableView({
    result,
    offset: widget.query?.offset ?? 0,
    limit: widget.query?.limit ?? result.rows.length,
    sort: widget.query?.sort,
    hidden: new Set(options.hiddenColumns),
    codes: options.codes,
    totals: options.totals,
  });
  const width = box.width - 2 * PAD;
  // Column widths follow their longest text; figures get all they need (a cut number would
  // lie), text columns share the rest.
  const sample = view.rows.slice(0, 50);
  const wants = view.columns.map((column, i) =>
    Math.min(
      40,
      Math.max(
        4,
        Math.min(14, [...column.label].length),
        ...sample.map((row) => [...(row.cells[i]?.text ?? '')].length),
      ),
    ),
  );
  const available = charsIn(width, SIZE);
  const numericWant = wants.reduce((sum, w, i) => sum + (view.columns[i]?.numeric ? w + 2 : 0), 0);
  const textWant = wants.reduce((sum, w, i) => sum + (view.columns[i]?.numeric ? 0 : w), 0);
  const textScale = textWant > 0 ? Math.max(0.2, Math.min(1, (available - numericWant) / textWant)) : 1;
  const chars = wants.map((w, i) => (view.columns[i]?.numeric ? w + 2 : w * textScale));
  const totalChars = chars.reduce((sum, c) => sum + c, 0);
  const widths = chars.map((c) => (c / totalChars) * width);
  const lefts = widths.map((_, i) => PAD + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  const capacity = Math.max(0, Math.floor(box.height / ROW) - 1 - (view.totals ? 1 : 0));
  const rows = view.rows.slice(0, capacity);
  const cell = (text: string, i: number, y: number, attrs: string, header = false) => {
    const numeric = view.columns[i]?.numeric ?? false;
    const w = widths[i] ?? 0;
    const x = numeric ? (lefts[i] ?? 0) + w - 6 : (lefts[i] ?? 0);
    const anchor = numeric ? ' text-anchor="end"' : '';
    // A figure is never cut (a cut number would lie): its column was sized for it.
    const shown = numeric && !header ? text : truncate(text, charsIn(w - 8, SIZE));
    return `<text x="${x.toFixed(1)}" y="${y}" font-size="${SIZE}"${anchor} ${attrs}>${xmlText(shown)}</text>`;
  };
  const parts: string[] = [];
  let y = box.y + ROW - 6;
  parts.push(...view.columns.map((c, i) => cell(c.label, i, y, 'font-weight="700" fill="#161616"', true)));
  parts.push(
    `<line x1="${PAD}" y1="${y + 6}" x2="${PAD + width}" y2="${y + 6}" stroke="${DSFR_GREY.text}"/>`,
  );
  for (const row of rows) {
    y += ROW;
    parts.push(...row.cells.map((c, i) => cell(c.text, i, y, `fill="${DSFR_GREY.text}"`)));
  }
  if (view.totals && capacity > 0) {
    y += ROW;
    parts.push(
      `<line x1="${PAD}" y1="${y - ROW + 6}" x2="${PAD + width}" y2="${y - ROW + 6}" stroke="${DSFR_GREY.rule}"/>`,
    );
    parts.push(
      ...view.totals.map((c, i) =>
        cell(i === 0 && c.text === '' ? 'Total' : c.text, i, y, 'font-weight="700" fill="#161616"'),
      ),
    );
  }
  const description = `Tableau de ${formatInteger(view.rows.length)} lignes ; colonnes : ${view.columns.map((c) => c.label).join(', ')}.`;
  return {
    body: parts.join('\n'),
    description,
    note:
      rows.length < view.rows.length
        ? `Image limitée aux ${formatInteger(rows.length)} premières lignes sur ${formatInteger(view.rows.length)}.`
        : null,
  };
}
