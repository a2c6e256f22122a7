/**
 * PostgreSQL: SQL type names, 63-byte identifiers, `COLLATE "C"` for byte-wise text order and
 * ISO dates independent of DateStyle.
 */
import { CatalogueError } from '../../spec/errors.ts';
import type { SqlType } from '../nodes.ts';
import { DefaultCompiler } from '../render.ts';

const MAX_IDENTIFIER_BYTES = 63;

export class PostgresCompiler extends DefaultCompiler {
  override quoteIdentifier(name: string): string {
    // PostgreSQL silently truncates longer names, which could make two columns collide.
    if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
      throw new CatalogueError(`Identifiant trop long pour PostgreSQL : ${name.slice(0, 20)}…`);
    }
    return super.quoteIdentifier(name);
  }

  override typeName(type: SqlType): string {
    if (type === 'double') return 'double precision';
    if (type === 'text') return 'text';
    return super.typeName(type);
  }

  /** A plain cast would follow the session's DateStyle. */
  override dateText(sql: string): string {
    return `to_char(${sql}, 'YYYY-MM-DD')`;
  }

  /** A LIKE on the escaped `%needle%` pattern: the form a trigram (pg_trgm) index can serve. */
  override textContains(expr: string, _needle: () => string, pattern: () => string): string {
    return `${expr} LIKE ${pattern()} ESCAPE '\\'`;
  }

  /** Array overlap: `tags && ARRAY[$1::text, …]`. */
  override listHasAny(list: string, values: readonly string[]): string {
    return `${list} && ARRAY[${values.map((v) => `${v}::text`).join(', ')}]`;
  }

  /** The database collation (often a libc locale) would order text differently from DuckDB. */
  override binaryCollate(sql: string): string {
    return `${sql} COLLATE "C"`;
  }
}
