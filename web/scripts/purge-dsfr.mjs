import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * DSFR's core style sheet carries every spacing utility (`fr-mt-1w`, `fr-px-3v`… at every
 * breakpoint: 52 KB of its 176) and rules for Internet Explorer's high-contrast mode. An embed
 * keeps the utilities our sources name (class names are always written whole, never built)
 * and drops the rest, after Vite has inlined the sheet.
 */
const SPACING_UTILITY = /^\.fr-[mp][trblxy]?-(?:(?:sm|md|lg|xl)-)?[a-z0-9]+$/;
/** Spacing utility classes named in the sources under `dirs` (tests excluded), as `.fr-mt-1w`. */
export function spacingClassesIn(dirs) {
  const used = new Set();
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(tsx?|css)$/.test(entry.name) && !/\.test\./.test(entry.name)) {
        for (const match of readFileSync(full, 'utf8').matchAll(
          /\bfr-[mp][trblxy]?-(?:(?:sm|md|lg|xl)-)?[a-z0-9]+\b/g,
        )) {
          used.add(`.${match[0]}`);
        }
      }
    }
  };
  for (const dir of dirs) visit(dir);
  return used;
}

/** Top-level blocks of a CSS text (`selector{…}` or `@media …{…}`), comments kept with the next. */
function cssBlocks(css) {
  const blocks = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      i = end < 0 ? css.length : end;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      blocks.push(css.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < css.length) blocks.push(css.slice(start));
  return blocks;
}

/** The sheet without the spacing utilities outside `used` and without high-contrast (IE) rules. */
export function purgeDsfrCss(css, used) {
  return cssBlocks(css)
    .map((block) => {
      const open = block.indexOf('{');
      if (open < 0) return block;
      const head = block.slice(0, open).trim();
      if (head.startsWith('@media')) {
        if (/-ms-high-contrast/.test(head)) return '';
        const inner = purgeDsfrCss(block.slice(open + 1, -1), used);
        return inner.trim() ? `${block.slice(0, open)}{${inner}}` : '';
      }
      if (head.startsWith('@')) return block;
      const selectors = head
        .replace(/^\/\*[\s\S]*?\*\//, '')
        .split(',')
        .map((s) => s.trim());
      if (!selectors.every((s) => SPACING_UTILITY.test(s))) return block;
      const kept = selectors.filter((s) => used.has(s));
      return kept.length ? `${kept.join(',')}${block.slice(open)}` : '';
    })
    .join('');
}
