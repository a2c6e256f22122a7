/**
 * Readers for `widget.options`, which arrive as untyped JSON (saved dashboards, embeds): a value
 * of the wrong type or outside the allowed set falls back to the documented default instead of
 * breaking the chart. Each type's `spec.ts` resolves its options with these.
 */
export type RawOptions = Readonly<Record<string, unknown>>;

export function booleanOption(raw: RawOptions, key: string, fallback: boolean): boolean {
  const value = raw[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function enumOption<T extends string>(
  raw: RawOptions,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = raw[key];
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** An integer within [min, max]; anything else gives the fallback. */
export function integerOption(
  raw: RawOptions,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = raw[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : fallback;
}

export function stringOption(raw: RawOptions, key: string, fallback: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value : fallback;
}

/** A list of strings (measure ids…); undefined when absent or malformed. */
export function stringListOption(raw: RawOptions, key: string): readonly string[] | undefined {
  const value = raw[key];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}
