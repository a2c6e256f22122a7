/**
 * `embed.js`: the loader a host page includes with `<script src="https://…/embed.js" async>`.
 * It defines `<dataetat-widget token="…">` and `<dataetat-dashboard token="…">`, each in its own
 * shadow root, and downloads the runtime chunk (React, the widget frame) on the first element
 * only; the runtime then loads the renderer of each widget type shown. Kept tiny on purpose:
 * everything else lives in the runtime (built apart, see scripts/build-embed.ts).
 */
import type { EmbedAttributes, EmbedKind, EmbedMount, EmbedRuntime } from './contract.ts';

/** The runtime chunk's path, relative to this script (written by the build). */
declare const __EMBED_RUNTIME__: string;

/**
 * Where this script came from: the API lives beside it, whatever the host page's origin.
 * `currentScript` is only set while the script first runs, hence read now.
 */
function scriptUrl(): string {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  const scripts = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'));
  return scripts.reverse().find((s) => /\/embed\.js(\?|$)/.test(s.src))?.src ?? location.href;
}

const source = scriptUrl();
const apiBase = new URL('./', source).href.replace(/\/$/, '');
let runtime: Promise<EmbedRuntime> | null = null;

/** One download of the runtime for every element of the page. */
function loadRuntime(): Promise<EmbedRuntime> {
  runtime ??= import(/* @vite-ignore */ new URL(__EMBED_RUNTIME__, source).href) as Promise<EmbedRuntime>;
  // A failed download may be retried by the next element.
  runtime.catch(() => {
    runtime = null;
  });
  return runtime;
}

const OBSERVED = ['token', 'filters', 'height'] as const;

function elementClass(kind: EmbedKind) {
  return class extends HTMLElement {
    static readonly observedAttributes = OBSERVED;
    private mounted: EmbedMount | null = null;
    private loading = false;

    private readAttributes(): EmbedAttributes {
      return {
        token: this.getAttribute('token'),
        filters: this.getAttribute('filters'),
        height: this.getAttribute('height'),
      };
    }

    connectedCallback() {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (this.mounted) {
        this.mounted.render(this.readAttributes());
        return;
      }
      if (this.loading) return;
      this.loading = true;
      root.innerHTML = '<p role="status" style="font:0.875rem sans-serif">Chargement des données…</p>';
      loadRuntime()
        .then((module) => {
          this.loading = false;
          if (!this.isConnected) return;
          root.replaceChildren();
          this.mounted = module.mount({ element: this, root, kind, apiBase });
          this.mounted.render(this.readAttributes());
        })
        .catch(() => {
          this.loading = false;
          root.innerHTML =
            '<p role="alert" style="font:0.875rem sans-serif;color:#ce0500">Le service Data-État est injoignable : la visualisation n’a pas pu être chargée.</p>';
        });
    }

    attributeChangedCallback() {
      this.mounted?.render(this.readAttributes());
    }

    disconnectedCallback() {
      // Moved in the page (disconnected then connected again in one task): keep it.
      queueMicrotask(() => {
        if (this.isConnected || !this.mounted) return;
        this.mounted.unmount();
        this.mounted = null;
      });
    }
  };
}

// The script may be included twice (two widgets pasted with their snippet): define once.
for (const [name, kind] of [
  ['dataetat-widget', 'widget'],
  ['dataetat-dashboard', 'dashboard'],
] as const) {
  if (!customElements.get(name)) customElements.define(name, elementClass(kind));
}
