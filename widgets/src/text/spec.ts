import { integerOption, type RawOptions, stringOption } from '../widget/options.ts';

/** Options of a `text` widget (no query). */
export interface TextOptions {
  /**
   * Content in Markdown (CommonMark + GFM tables). Raw HTML inside it is shown as text, not
   * interpreted, and the rendered HTML is sanitised (no script, event handler, `javascript:`
   * link or style can reach the page).
   */
  readonly markdown: string;
  /**
   * Level of a `#` heading in the page (2–6, default 3): the widget's title is usually an h2, so
   * the text's own headings start below it and the page outline stays valid (RGAA 9.1).
   */
  readonly headingLevel: number;
}

export const TEXT_DEFAULTS: TextOptions = { markdown: '', headingLevel: 3 };

export function resolveTextOptions(raw: RawOptions): TextOptions {
  return {
    markdown: stringOption(raw, 'markdown', TEXT_DEFAULTS.markdown),
    headingLevel: integerOption(raw, 'headingLevel', TEXT_DEFAULTS.headingLevel, 2, 6),
  };
}
