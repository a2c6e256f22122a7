/**
 * The embed runtime, loaded by `embed.js` on the page's first embed: Preact (standing in for
 * React, scripts/build-embed.mjs), react-query and the widget frame, shared by every embed of the
 * page (one query cache, one resource request per token). Widget renderers come later, one chunk
 * per type shown (the registry's lazy renderers).
 */
import './styles.ts';
import { type WidgetHost, WidgetHostProvider } from '@dataetat/widgets/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import type { EmbedAttributes, EmbedFilterDetail, EmbedMount, EmbedMountOptions } from './contract.ts';
import { EmbedApp } from './EmbedApp.tsx';
import { embedHost } from './grant.ts';
import { type HostFilters, parseFiltersAttribute, readHostFilters } from './hostFilters.ts';
import { adoptShadowStyles } from './shadowStyles.ts';

const client = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
const hosts = new Map<string, WidgetHost>();

function hostFor(apiBase: string, token: string): WidgetHost {
  const key = `${apiBase} ${token}`;
  let host = hosts.get(key);
  if (!host) {
    host = embedHost(apiBase, token);
    hosts.set(key, host);
  }
  return host;
}

/** Each warning once per page: a host page re-sending the same filter does not flood the console. */
const warned = new Set<string>();
function warn(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`Data-État : ${message}`);
}

/** Width under which a dashboard stacks its widgets, as the app does under 768 px of screen. */
const NARROW = 768;

export function mount({ element, root, apiBase }: EmbedMountOptions): EmbedMount {
  const detachStyles = adoptShadowStyles(root);
  const container = document.createElement('div');
  container.className = 'dataetat-embed';
  root.append(container);
  const reactRoot = createRoot(container);
  let attributes: EmbedAttributes = { token: null, filters: null, height: null };
  let fromAttribute: HostFilters = {};
  let fromEvents: HostFilters = {};
  let asked: HostFilters = {};
  let size = { width: element.clientWidth, height: element.clientHeight };

  const draw = () => {
    const fill = attributes.height === 'fill';
    container.className = `dataetat-embed${fill ? ' dataetat-embed--fill' : ''}${size.width > 0 && size.width < NARROW ? ' dataetat-embed--narrow' : ''}`;
    const token = attributes.token?.trim() || null;
    reactRoot.render(
      <QueryClientProvider client={client}>
        <WidgetHostProvider host={hostFor(apiBase, token ?? '')}>
          <EmbedApp token={token} asked={asked} element={element} size={size} fill={fill} warn={warn} />
        </WidgetHostProvider>
      </QueryClientProvider>,
    );
  };
  const merge = () => {
    // A new object only when something changed: the embed re-queries on a real change only.
    const next = { ...fromAttribute, ...fromEvents };
    if (JSON.stringify(next) !== JSON.stringify(asked)) asked = next;
  };

  const resize = new ResizeObserver(([entry]) => {
    if (!entry) return;
    const next = { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) };
    // Only the width drives the layout unless the visual fills the element (no feedback loop).
    const changed =
      Math.abs(next.width - size.width) > 1 ||
      (attributes.height === 'fill' && Math.abs(next.height - size.height) > 1);
    size = next;
    if (changed) draw();
  });
  resize.observe(element);

  // `dataetat:filter` on the element, or on the document for every embed: `{ filters: { field:
  // values } }`. One sent to another embed (bubbling up to the document) is that embed's alone.
  const onFilter = (event: Event) => {
    const target = event.target;
    if (
      event.currentTarget === document &&
      target instanceof Element &&
      target.localName.startsWith('dataetat-')
    )
      return;
    const detail = (event as CustomEvent<EmbedFilterDetail | undefined>).detail;
    const read = readHostFilters(detail?.filters);
    for (const warning of read.warnings) warn(warning);
    fromEvents = { ...fromEvents, ...read.filters };
    merge();
    draw();
  };
  element.addEventListener('dataetat:filter', onFilter);
  document.addEventListener('dataetat:filter', onFilter);

  return {
    render(next) {
      if (next.filters !== attributes.filters) {
        const parsed = parseFiltersAttribute(next.filters);
        for (const warning of parsed.warnings) warn(warning);
        fromAttribute = parsed.filters;
      }
      attributes = next;
      merge();
      draw();
    },
    unmount() {
      resize.disconnect();
      element.removeEventListener('dataetat:filter', onFilter);
      document.removeEventListener('dataetat:filter', onFilter);
      reactRoot.unmount();
      container.remove();
      detachStyles();
    },
  };
}
