/**
 * Bounds of free-form JSON, checked without recursion (a hostile nesting cannot blow the stack)
 * and in one linear pass that stops at the first fault. `scanJsonText` reads raw JSON text before
 * it is parsed (parsing 500 000 nested brackets alone costs 200 ms); `scanJsonValue` walks a
 * parsed value (texts and keys, sizes). Both name the faulty place with a JSON pointer.
 */
import { textFault } from './limits.ts';

export interface JsonFault {
  /** JSON pointer of the faulty value (`/definition/widgets/0/options/a`); '' for the root. */
  readonly path: string;
  /** French reason, without a final full stop. */
  readonly reason: string;
}

export interface JsonBounds {
  /** Containers nested in one another: `{"a":[1]}` has 2. */
  readonly maxDepth: number;
  /** Values in the tree (objects, arrays and scalars; keys are not values). */
  readonly maxNodes: number;
  readonly maxKeyLength?: number;
  readonly maxStringLength?: number;
  /** 'safe' (default): texts and keys pass `textFault`; 'any': left to a later, finer check. */
  readonly texts?: 'safe' | 'any';
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const tooDeep = (bounds: JsonBounds) => `imbrication trop profonde (${bounds.maxDepth} niveaux au plus)`;
const tooMany = (bounds: JsonBounds) => `trop de valeurs (${bounds.maxNodes} au plus)`;

interface OpenContainer {
  readonly array: boolean;
  /** Index of the current item (arrays). */
  index: number;
  /** Offsets of the current key's JSON string literal (objects). */
  keyStart: number;
  keyEnd: number;
}

/**
 * Depth and size of raw JSON text, before parsing. Tolerant: malformed text is left to the
 * parser, which refuses it. The value count is an upper bound (commas and openings).
 */
export function scanJsonText(text: string, bounds: JsonBounds): JsonFault | null {
  const open: OpenContainer[] = [];
  let nodes = 1;
  let expectKey = false;
  // Native searches jump over texts and numbers: a 900 KB string costs a few `indexOf`.
  const structural = /["[\]{},:]/g;
  for (let match = structural.exec(text); match; match = structural.exec(text)) {
    const at = match.index;
    switch (text.charCodeAt(at)) {
      case QUOTE: {
        const end = closingQuote(text, at);
        if (end < 0) return null;
        const top = open.at(-1);
        if (expectKey && top) {
          top.keyStart = at;
          top.keyEnd = end + 1;
          expectKey = false;
        }
        structural.lastIndex = end + 1;
        break;
      }
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (open.length >= bounds.maxDepth) return { path: textPointer(text, open), reason: tooDeep(bounds) };
        if (++nodes > bounds.maxNodes) return { path: textPointer(text, open), reason: tooMany(bounds) };
        open.push({ array: text.charCodeAt(at) === OPEN_BRACKET, index: 0, keyStart: -1, keyEnd: -1 });
        expectKey = text.charCodeAt(at) === OPEN_BRACE;
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        open.pop();
        expectKey = false;
        break;
      case COMMA: {
        const top = open.at(-1);
        if (top) {
          top.index++;
          expectKey = !top.array;
        }
        if (++nodes > bounds.maxNodes) return { path: textPointer(text, open), reason: tooMany(bounds) };
        break;
      }
      case COLON:
        expectKey = false;
        break;
    }
  }
  return null;
}

/** Offset of the quote closing the string opened at `start` (not escaped), or -1. */
function closingQuote(text: string, start: number): number {
  for (let end = text.indexOf('"', start + 1); end >= 0; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Pointer of the value being read: one segment per open container (built only on a fault). */
function textPointer(text: string, open: readonly OpenContainer[]): string {
  return open
    .map((container) => {
      if (container.array) return `/${container.index}`;
      if (container.keyStart < 0) return '/';
      const literal = text.slice(container.keyStart, container.keyEnd);
      let key: string;
      try {
        key = JSON.parse(literal) as string;
      } catch {
        key = literal.slice(1, -1);
      }
      return `/${escapePointer(key)}`;
    })
    .join('');
}

interface Visit {
  readonly value: object;
  /** Containers from the root down to this one, itself included. */
  readonly depth: number;
  readonly parent: Visit | null;
  readonly segment: string;
}

/**
 * Walks a parsed JSON value (depth first, with an explicit stack of containers; scalars are
 * checked in place, so a long flat list allocates nothing per item): depth, value count, and
 * every text and key against `textFault` and the length bounds.
 */
export function scanJsonValue(value: unknown, bounds: JsonBounds, base = ''): JsonFault | null {
  if (typeof value === 'string') {
    const reason = textReason(value, bounds);
    return reason ? fault(base, null, reason) : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const stack: Visit[] = [{ value, depth: 1, parent: null, segment: '' }];
  let nodes = 1;
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    if (visit.depth > bounds.maxDepth) return fault(base, visit, tooDeep(bounds));
    const container = visit.value;
    const depth = visit.depth + 1;
    if (Array.isArray(container)) {
      nodes += container.length;
      if (nodes > bounds.maxNodes) return fault(base, visit, tooMany(bounds));
      for (let i = container.length - 1; i >= 0; i--) {
        const item: unknown = container[i];
        if (typeof item === 'string') {
          const reason = textReason(item, bounds);
          if (reason) return fault(base, visit, reason, String(i));
        } else if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, depth, parent: visit, segment: String(i) });
        }
      }
      continue;
    }
    const keys = Object.keys(container);
    nodes += keys.length;
    if (nodes > bounds.maxNodes) return fault(base, visit, tooMany(bounds));
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const keyReason = bounds.texts === 'any' ? null : textFault(key);
      if (keyReason) return fault(base, visit, `clé invalide, ${keyReason}`, key);
      if (bounds.maxKeyLength !== undefined && key.length > bounds.maxKeyLength) {
        return fault(base, visit, `clé trop longue (${bounds.maxKeyLength} caractères au plus)`, key);
      }
      const item: unknown = (container as Record<string, unknown>)[key];
      if (typeof item === 'string') {
        const reason = textReason(item, bounds);
        if (reason) return fault(base, visit, reason, key);
      } else if (typeof item === 'object' && item !== null) {
        stack.push({ value: item, depth, parent: visit, segment: key });
      }
    }
  }
  return null;
}

// Module functions rather than closures made at each call: the guard scans every request's
// params, query string and body, and closures cost an allocation (and, under tsx, a `__name`).
function textReason(text: string, bounds: JsonBounds): string | null {
  return (
    (bounds.texts === 'any' ? null : textFault(text)) ??
    (bounds.maxStringLength !== undefined && text.length > bounds.maxStringLength
      ? `texte trop long (${bounds.maxStringLength} caractères au plus)`
      : null)
  );
}

function fault(base: string, visit: Visit | null, reason: string, segment?: string): JsonFault {
  return {
    path: `${base}${visit ? visitPointer(visit) : ''}${segment === undefined ? '' : `/${escapePointer(segment)}`}`,
    reason,
  };
}

function visitPointer(visit: Visit): string {
  const segments: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) segments.push(escapePointer(at.segment));
  return segments
    .reverse()
    .map((s) => `/${s}`)
    .join('');
}
