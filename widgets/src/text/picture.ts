/** A text widget in a picture: its Markdown as plain lines, headings bold, wrapped to the width. */
import { wrapText } from '../picture/canvas.ts';
import type { PictureVisual, TextStyle } from '../picture/types.ts';
import { markdownPlainLines } from './plain.ts';

const HEADING: TextStyle = { size: 17, bold: true };
const BODY: TextStyle = { size: 15 };

export function textPicture(markdown: string): PictureVisual {
  const lines = markdownPlainLines(markdown);
  return {
    legend: null,
    notes: [],
    layout(width, measure) {
      const drawn = lines.flatMap((line, i) => {
        const style = line.heading ? HEADING : BODY;
        const height = line.heading ? 26 : 22;
        const gap = i > 0 && line.heading ? 8 : 0;
        return wrapText(line.text, width, style, measure).map((text, j) => ({
          text,
          style,
          height: height + (j === 0 ? gap : 0),
        }));
      });
      return {
        height: drawn.reduce((sum, line) => sum + line.height, 0),
        draw(canvas, x, y) {
          let top = y;
          for (const line of drawn) {
            top += line.height;
            canvas.text(line.text, x, top - 6, line.style);
          }
        },
      };
    },
  };
}
