/**
 * Recognises "the storage cannot take writes" among errors of any layer (Node file system,
 * PostgreSQL/PGlite, DuckDB), so such a failure answers 503 STORAGE_UNAVAILABLE and is retried
 * where that makes sense, instead of a 500.
 */

/** Node error codes of a full or read-only file system. */
const FILE_SYSTEM_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/** PostgreSQL SQLSTATEs (PGlite raises the same): disk_full, read_only_sql_transaction, io_error. */
const SQL_STATES = new Set(['53100', '25006', '58030']);

/** Messages of engines that give no code (DuckDB, PGlite's WASM file system). */
const MESSAGES =
  /no space left on device|could not extend file|disk (is )?full|read-only file system|read-only transaction|database is read-only|EROFS|ENOSPC/i;

export function isStorageFailure(error: unknown): boolean {
  // Drizzle and the drivers wrap the driver error in `cause`; follow a few levels.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (FILE_SYSTEM_CODES.has(code) || SQL_STATES.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
