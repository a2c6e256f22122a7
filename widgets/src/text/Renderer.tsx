import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RendererProps } from '../widget/types.ts';
import { renderMarkdown } from './markdown.ts';
import type { TextOptions } from './spec.ts';

/** `text` widget: Markdown, sanitised before it reaches the page (see `markdown.ts`). */
export default function TextRenderer({ widget, height, registerExportable }: RendererProps) {
  const { markdown, headingLevel } = widget.options as TextOptions;
  const html = useMemo(() => renderMarkdown(markdown, headingLevel), [markdown, headingLevel]);
  // A text longer than its room scrolls there (a region reachable with the keyboard).
  const ref = useRef<HTMLElement>(null);
  const [scrolls, setScrolls] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again when the text or its room change
  useLayoutEffect(() => {
    const element = ref.current;
    if (element) setScrolls(element.scrollHeight > element.clientHeight + 1);
  }, [html, height]);
  useEffect(() => {
    if (!registerExportable || !markdown.trim()) return;
    registerExportable({ picture: async () => (await import('./picture.ts')).textPicture(markdown) });
    return () => registerExportable(null);
  }, [registerExportable, markdown]);
  if (!markdown.trim()) {
    return (
      <p className="fr-text--sm fr-mb-0">
        Ce bloc de texte est vide. Modifiez le widget pour écrire son contenu.
      </p>
    );
  }
  return (
    // A section: named (a region) only while it scrolls.
    <section
      ref={ref}
      data-testid="text-widget"
      className="dataetat-text"
      style={height === undefined ? undefined : { maxHeight: height, overflowY: 'auto' }}
      tabIndex={scrolls ? 0 : undefined}
      aria-label={scrolls ? `${widget.title} (texte défilant)` : undefined}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by marked, then sanitised by DOMPurify (renderMarkdown)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
