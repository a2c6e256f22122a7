/**
 * Whether the page is being printed: virtualised renderers (the pivot) then put every row in the
 * page, since paper does not scroll. `beforeprint` commits synchronously (the browser lays out the
 * pages right after it); the `print` media query covers print previews and emulation.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

const printQuery = () =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('print')
    : null;

export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => printQuery()?.matches ?? false);
  useEffect(() => {
    const query = printQuery();
    if (!query) return;
    const follow = () => setPrinting(query.matches);
    const before = () => flushSync(() => setPrinting(true));
    query.addEventListener('change', follow);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', follow);
    return () => {
      query.removeEventListener('change', follow);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', follow);
    };
  }, []);
  return printing;
}
