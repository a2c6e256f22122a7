/**
 * What the loader (`embed.js`, a few kilobytes) and the runtime chunk (Preact, the widget frame)
 * say to each other. Type-only: the loader imports nothing at run time.
 */

/** `<dataetat-widget>` shows one widget; `<dataetat-dashboard>` a whole dashboard. */
export type EmbedKind = 'widget' | 'dashboard';

export interface EmbedMountOptions {
  /** The custom element: events are dispatched on it, `dataetat:filter` is heard on it. */
  readonly element: HTMLElement;
  /** Its shadow root, where the styles are adopted and React renders. */
  readonly root: ShadowRoot;
  readonly kind: EmbedKind;
  /** The Data-État API the script came from (`https://dataetat.gouv.fr`), without a final slash. */
  readonly apiBase: string;
}

/** The element's attributes, read again each time one changes. */
export interface EmbedAttributes {
  readonly token: string | null;
  /** JSON `{"annee":[2024]}`: the host page's filters (only the embed's `hostFilters` apply). */
  readonly filters: string | null;
  /** `fill`: the visual takes the element's height (the iframe page); else sized by its width. */
  readonly height: string | null;
}

export interface EmbedMount {
  render(attributes: EmbedAttributes): void;
  unmount(): void;
}

/** The runtime chunk's module. */
export interface EmbedRuntime {
  mount(options: EmbedMountOptions): EmbedMount;
}

/** Detail of `dataetat:select`, dispatched when the reader clicks a bar, slice or map area. */
export interface EmbedSelectDetail {
  readonly field: string;
  readonly value: string | number | null;
  readonly widgetId: string;
}

/** Detail of `dataetat:filter`, listened to on the element and on the document. */
export interface EmbedFilterDetail {
  readonly filters: Readonly<Record<string, readonly (string | number)[]>>;
}
