/** A text widget as SVG text: its Markdown read as plain lines (headings bold), wrapped to the width. */
import { DSFR_GREY, markdownPlainLines, type WidgetDefinition } from '@dataetat/widgets';
import type { Box } from './svg-frame.ts';
import { PAD } from './svg-frame.ts';
import { charsIn, wrap, xmlText } from './svg-text.ts';

const SIZE = 14;
const HEADING = 16;

export interface TextPicture {
  readonly body: string;
  readonly description: string;
}

export function markdownSvg(widget: WidgetDefinition, box: Box): TextPicture {
  const markdown = typeof widget.options.markdown === 'string' ? widget.options.markdown : '';
  const lines = markdownPlainLines(markdown);
  const width = box.width - 2 * PAD;
  const bottom = box.y + box.height;
  const parts: string[] = [];
  let y = box.y;
  outer: for (const line of lines) {
    const size = line.heading ? HEADING : SIZE;
    for (const piece of wrap(line.text, charsIn(width, size), 50)) {
      if (y + size + 6 > bottom) break outer;
      y += size + 6;
      const weight = line.heading ? ' font-weight="700"' : '';
      parts.push(
        `<text x="${PAD}" y="${y}" font-size="${size}"${weight} fill="${DSFR_GREY.text}">${xmlText(piece)}</text>`,
      );
    }
    y += 4;
  }
  return { body: parts.join('\n'), description: lines.map((l) => l.text).join(' ') };
}
