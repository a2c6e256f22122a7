import Type from 'typebox';
import { optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/** Options of a `text` widget (no query). */
export const textOptions = optionsSchema({
  // Raw HTML inside it is shown as text, not interpreted, and the rendered HTML is sanitised (no
  // script, event handler, `javascript:` link or style can reach the page).
  markdown: Type.String({
    default: '',
    description: 'Contenu en Markdown (CommonMark et tableaux GFM).',
  }),
  // The widget's title is usually an h2, so the text's own headings start below it and the page
  // outline stays valid (RGAA 9.1).
  headingLevel: Type.Integer({
    default: 3,
    minimum: 2,
    maximum: 6,
    title: 'Niveau des titres « # »',
    description: 'Niveau dans la page du premier niveau de titre du texte.',
  }),
});

export type TextOptions = ResolvedOptions<typeof textOptions>;

export function resolveTextOptions(raw: Readonly<Record<string, unknown>>): TextOptions {
  return resolveOptions(textOptions, raw);
}
