import { type ComponentType, createElement, lazy } from 'react';

export interface Preloadable<P extends object> {
  /** Renders at once when the module is already loaded, else suspends like `React.lazy`. */
  readonly Component: ComponentType<P>;
  /** Starts (or reuses) the download; resolves with the component. */
  preload(): Promise<ComponentType<P>>;
}

/**
 * `React.lazy` that stops suspending once its module has arrived. React 19 reveals resolved
 * Suspense boundaries in batches (up to ~300 ms later): a dashboard that preloads its renderers
 * with the data requests would still wait for that batch. Rendering the loaded component
 * directly skips it.
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    pending ??= load().then((module) => {
      loaded = module.default;
      return module.default;
    });
    // A failed download may be retried on the next render.
    pending.catch(() => {
      pending = null;
    });
    return pending;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: built once per module at load time (like React.lazy), never during a render.
  function Component(props: P) {
    return createElement(loaded ?? (Lazy as unknown as ComponentType<P>), props);
  }
  return { Component, preload };
}
