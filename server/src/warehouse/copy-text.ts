import { Readable } from 'node:stream';
import type { RowSource } from './types.ts';

/**
 * PostgreSQL `COPY ... FROM STDIN` text format: one line per row, tab-separated, `\N` for NULL,
 * backslash escapes for the characters the format uses.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(text: string): string {
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail inside the COPY.
  if (text.includes('\0')) throw new Error('caractère NUL (\\0) interdit dans un texte');
  return text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] ?? c);
}

export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return escapeText(value);
    case 'number':
      // String(NaN) / String(±Infinity) are spellings PostgreSQL accepts; String(-0) is '0'.
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return value.toISOString();
      throw new Error(`valeur non chargeable (${typeof value}) : ${String(value)}`);
  }
}

/**
 * Encodes rows as COPY text in chunks of about `chunkBytes`, so a million rows stream with
 * little memory and few socket writes. `prepare` maps each row before encoding; a row of the
 * wrong width is refused with its number.
 */
export function copyTextStream(
  rows: RowSource,
  width: number,
  prepare: (row: readonly unknown[]) => readonly unknown[],
  onRow: () => void,
  chunkBytes = 256 * 1024,
): Readable {
  async function* chunks(): AsyncGenerator<string> {
    let buffer = '';
    let line = 0;
    for await (const row of rows) {
      line++;
      if (row.length !== width) {
        throw new Error(`ligne ${line} : ${row.length} valeurs pour ${width} colonnes`);
      }
      buffer += `${prepare(row).map(copyField).join('\t')}\n`;
      onRow();
      if (buffer.length >= chunkBytes) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  return Readable.from(chunks(), { objectMode: false });
}
