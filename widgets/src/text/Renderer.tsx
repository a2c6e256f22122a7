import { useEffect, useMemo } from 'react';
import type { RendererProps } from '../widget/types.ts';
import { renderMarkdown } from './markdown.ts';
import type { TextOptions } from './spec.ts';

/** `text` widget: Markdown, sanitised before it reaches the page (see `markdown.ts`). */
export default function TextRenderer({ widget, registerExportable }: RendererProps) {
  const { markdown, headingLevel } = widget.options as TextOptions;
  const html = useMemo(() => renderMarkdown(markdown, headingLevel), [markdown, headingLevel]);
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
    <div
      data-testid="text-widget"
      className="dataetat-text"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by marked, then sanitised by DOMPurify (renderMarkdown)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
