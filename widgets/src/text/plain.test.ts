import { describe, expect, it } from 'vitest';
import { markdownPlainLines } from './plain.ts';

describe('markdownPlainLines', () => {
  it('keeps the words without the Markdown marks, one line per block', () => {
    const lines = markdownPlainLines(
      '# Titre\n\nUn **texte** avec un [lien](https://exemple.fr) et `code`.\n\n- un\n- deux\n\n1. premier\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>',
    );
    expect(lines).toEqual([
      { text: 'Titre', heading: true },
      { text: 'Un texte avec un lien et code.', heading: false },
      { text: '• un', heading: false },
      { text: '• deux', heading: false },
      { text: '1. premier', heading: false },
      { text: 'a | b', heading: true },
      { text: '1 | 2', heading: false },
      { text: '<script>alert(1)</script>', heading: false },
    ]);
  });

  it('gives nothing for an empty text', () => {
    expect(markdownPlainLines('  \n')).toEqual([]);
  });
});
