import { Suspense } from 'react';
import { type Preloadable, preloadable } from '../react/preloadable.tsx';
import { renderingOf } from './renderings.ts';
import type { RendererProps, WidgetType } from './types.ts';

// One component per type, created once: its lazy part must not be re-created per render.
const renderers = new Map<WidgetType, Preloadable<RendererProps>>();

function rendererFor(type: WidgetType): Preloadable<RendererProps> {
  let renderer = renderers.get(type);
  if (!renderer) {
    renderer = preloadable(renderingOf(type).load);
    renderers.set(type, renderer);
  }
  return renderer;
}

/**
 * Downloads a type's renderer ahead of its data (dashboards call it with their queries); once
 * loaded, widgets of that type render without suspending.
 */
export function preloadRenderer(type: WidgetType): Promise<unknown> {
  return rendererFor(type).preload();
}

/** Placeholder while a type's code downloads, the height of the chart so the page does not jump. */
function RendererLoading({ height }: { height: number }) {
  return (
    <div style={{ height }} className="fr-text--sm" data-testid="renderer-loading">
      Chargement de la visualisation…
    </div>
  );
}

/** Shows a widget with its type's renderer, downloaded on first use (Suspense). */
export function WidgetRenderer(props: RendererProps) {
  const Renderer = rendererFor(props.widget.type).Component;
  return (
    <Suspense fallback={<RendererLoading height={props.height ?? 320} />}>
      <Renderer {...props} />
    </Suspense>
  );
}
