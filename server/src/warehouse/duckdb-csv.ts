import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { ColumnType, RowSource } from './types.ts';
import { loadValue } from './values.ts';

/**
 * Bulk loading into DuckDB through CSV files it reads itself (`read_csv`), rather than one
 * appender call per value: a million Chorus lines of 19 columns were 19 million calls into the
 * native module (≈ 25 µs a row on the import benchmark). Rows are encoded here into chunks of
 * CSV text, each chunk written to a file and inserted by DuckDB's own (multi-threaded) reader
 * while the next chunk is being encoded: JavaScript and the engine work at the same time, and
 * memory holds one or two chunks whatever the number of rows.
 *
 * Encoding: every non-null value is quoted (`"` doubled inside), NULL is an empty unquoted
 * field, and `allow_quoted_nulls = false` keeps `""` an empty string. Amounts and dates travel as
 * text and are cast by the engine, as before (see `loadValue`).
 */

/**
 * Rows per chunk file (about 25 MB of text for a Chorus staging row): a whole DuckDB row group
 * (122 880 rows), so every insert writes full ones.
 */
export const CSV_CHUNK_ROWS = 131_072;
/** Lines handed to the chunk file at a time (about 100 KB), and how much may wait for the disk. */
const WRITE_LINES = 512;
const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * A row's text may be longer than DuckDB's default limit (2 MB a line); its read buffer must hold
 * a line, and is what the reader allocates per file: 256 MB lines made it ask for 4 GiB (refused
 * under a memory limit, and counted in the resident memory otherwise).
 */
const MAX_LINE_BYTES = 8 * 1024 * 1024;
const BUFFER_BYTES = 32 * 1024 * 1024;

/** How DuckDB reads each column of the chunk files (amounts and dates as text, cast after). */
const READ_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  amount: 'VARCHAR',
  date: 'VARCHAR',
  boolean: 'BOOLEAN',
  // Only NULL is ever loaded into a list (loadValue refuses the rest): read as an empty text.
  text_list: 'VARCHAR',
};

const quoted = (text: string) => (text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`);

type Encode = (value: unknown) => string;

/** One encoder per column type; values here are non-null. */
function encoder(type: ColumnType): Encode {
  switch (type) {
    case 'integer':
    case 'bigint':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : quoted(String(v)));
    case 'double':
      // String(-0) is '0': keep the sign, as the appender did.
      return (v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : quoted(String(v)));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? String(v) : quoted(String(v)));
    case 'amount':
    case 'date':
      return (v) => quoted(String(loadValue(type, v)));
    case 'text':
      return (v) => quoted(typeof v === 'string' ? v : String(v));
    case 'text_list':
      return (v) => String(loadValue(type, v));
  }
}

/** `read_csv` of one chunk file, giving columns `c0`, `c1`… with their reading types (and the empty last one). */
export function readCsvSql(file: string, types: readonly ColumnType[]): string {
  const columns = [
    ...types.map((type, i) => `'c${i}': '${READ_TYPE[type]}'`),
    `'c${types.length}': 'VARCHAR'`,
  ].join(', ');
  return `read_csv('${file.replaceAll("'", "''")}', columns = {${columns}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${BUFFER_BYTES})`;
}

/**
 * Streams `rows` into DuckDB: `insert(file)` is called for each chunk file in order (never two
 * at once) and must have read it when its promise settles. Returns the number of rows. A failure
 * of the rows or of an insert stops the load (the error thrown is the first one); chunk files
 * are removed in any case.
 */
export async function loadThroughCsv(options: {
  readonly rows: RowSource;
  readonly types: readonly ColumnType[];
  /** Directory for the chunk files (a fresh subdirectory is made and removed). */
  readonly tempDir: string;
  insert(file: string): Promise<void>;
  readonly chunkRows?: number;
}): Promise<number> {
  const { types } = options;
  const chunkRows = options.chunkRows ?? CSV_CHUNK_ROWS;
  const encode = types.map(encoder);
  const width = types.length;
  const dir = await mkdtemp(path.join(options.tempDir, 'chargement-'));
  let chunk = 0;
  let count = 0;
  let pending: Promise<void> = Promise.resolve();
  /** The chunk file being written, its rows so far, and the lines not yet handed to it. */
  let out: WriteStream | null = null;
  let file = '';
  let rowsInChunk = 0;
  let lines: string[] = [];
  // One row's fields, joined once: building the line with `+=` made deep concatenations that
  // cost three to four times more to flatten. A last, always empty field: no line is ever
  // empty (one column holding NULL), which a CSV reader could take for no row at all.
  const fields: string[] = new Array(width + 1).fill('');
  // Lines go to the file a few hundred at a time: held until the chunk was full, they outlived
  // the young generation and the garbage collector copied them to the old one.
  const write = async () => {
    if (!out) {
      file = path.join(dir, `${chunk++}.csv`);
      out = createWriteStream(file);
    }
    const text = `${lines.join('\n')}\n`;
    lines = [];
    // Written as bytes at once (off the JS heap); waits only when the disk lags far behind.
    out.write(text);
    if (out.writableLength > MAX_BUFFERED) await once(out, 'drain');
  };
  const flush = async () => {
    if (lines.length > 0) await write();
    const stream = out as WriteStream;
    out = null;
    rowsInChunk = 0;
    stream.end();
    await finished(stream);
    await pending;
    const written = file;
    pending = options.insert(written).finally(() => rm(written, { force: true }));
    // Awaited at the next flush or at the end; marked handled so a failure while the next chunk
    // is encoded is not reported as unhandled.
    pending.catch(() => undefined);
  };
  try {
    for await (const row of options.rows) {
      for (let i = 0; i < width; i++) {
        const value = row[i];
        fields[i] = value === null || value === undefined ? '' : (encode[i] as Encode)(value);
      }
      lines.push(fields.join(','));
      count++;
      if (++rowsInChunk >= chunkRows) await flush();
      else if (lines.length >= WRITE_LINES) await write();
    }
    if (rowsInChunk > 0) await flush();
    await pending;
    return count;
  } catch (error) {
    (out as WriteStream | null)?.destroy();
    await pending.catch(() => undefined);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
