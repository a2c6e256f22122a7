import { Lexer, type Token, type Tokens } from 'marked';

/** One line of a text widget read as plain text: headings are kept apart to be drawn bold. */
export interface PlainLine {
  readonly text: string;
  readonly heading: boolean;
}

/** Inline tokens → their text without Markdown marks (links keep their words, not their URL). */
function inlineText(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens || tokens.length === 0) return fallback;
  return tokens
    .map((token) => {
      if (token.type === 'br') return ' ';
      const nested = (token as { tokens?: Token[] }).tokens;
      return nested
        ? inlineText(nested, (token as { text?: string }).text ?? '')
        : ((token as { text?: string }).text ?? '');
    })
    .join('');
}

function blockLines(token: Token, prefix: string, out: PlainLine[]): void {
  switch (token.type) {
    case 'heading':
      out.push({ text: inlineText(token.tokens, token.text), heading: true });
      return;
    case 'paragraph':
    case 'text':
      out.push({ text: prefix + inlineText(token.tokens, token.text), heading: false });
      return;
    case 'code':
      for (const line of token.text.split('\n')) out.push({ text: prefix + line, heading: false });
      return;
    case 'blockquote':
      for (const inner of (token as Tokens.Blockquote).tokens) blockLines(inner, `${prefix}« `, out);
      return;
    case 'list': {
      const list = token as Tokens.List;
      const first = Number(list.start || 1);
      list.items.forEach((item, i) => {
        const mark = list.ordered ? `${first + i}. ` : '• ';
        item.tokens.forEach((inner, j) => {
          blockLines(inner, `${prefix}${j === 0 ? mark : '   '}`, out);
        });
      });
      return;
    }
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: readonly Tokens.TableCell[]) =>
        cells.map((c) => inlineText(c.tokens, c.text)).join(' | ');
      out.push({ text: prefix + row(table.header), heading: true });
      for (const cells of table.rows) out.push({ text: prefix + row(cells), heading: false });
      return;
    }
    case 'html':
      // Raw HTML is text for a text widget (never interpreted): shown as written.
      out.push({ text: prefix + token.text.trim(), heading: false });
      return;
    default:
      return;
  }
}

/**
 * A text widget's Markdown as plain lines (for a picture, where no HTML can be drawn): the words
 * without the marks, one line per heading, paragraph, list item and table row. Pure.
 */
export function markdownPlainLines(markdown: string): PlainLine[] {
  const out: PlainLine[] = [];
  for (const token of new Lexer({ gfm: true }).lex(markdown)) blockLines(token, '', out);
  return out.filter((line) => line.text.trim() !== '');
}
