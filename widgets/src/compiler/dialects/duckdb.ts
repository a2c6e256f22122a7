/** DuckDB: the default compiler as is (double-quoted identifiers, DOUBLE, byte-wise strings). */
import { DefaultCompiler } from '../render.ts';

export class DuckDbCompiler extends DefaultCompiler {}
