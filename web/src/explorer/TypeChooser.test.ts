import { WIDGET_TYPE_INFO, WIDGET_TYPES } from '@dataetat/widgets/react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TypeChooser } from './TypeChooser.tsx';
import { typeChoices } from './widgetTypes.ts';

const everything = { fits: () => true, suggest: () => 'bar' as const };

describe('TypeChooser', () => {
  const choices = typeChoices({ measures: 1, dimensions: [] }, everything);
  const html = renderToStaticMarkup(
    createElement(TypeChooser, {
      idPrefix: 'x',
      choices,
      value: 'sankey',
      suggested: 'bar',
      onChange: () => undefined,
    }),
  );
  /** Each option: its radio, its label (name + explanation) and what follows the label. */
  const options = [
    ...html.matchAll(
      /<div class="fr-radio-group fr-radio-rich[^"]*"><input ([^>]*)\/><label class="fr-label" for="([^"]+)">(.*?)<span class="fr-hint-text">(.*?)<\/span><\/label><div class="fr-radio-rich__pictogram">(<svg[^>]*>)/g,
    ),
  ].map(([, input = '', forId, name, explanation, svg = '']) => ({ input, forId, name, explanation, svg }));

  it('offers every type but text blocks, each with its name, its explanation and a hidden picture', () => {
    expect(choices.map((c) => c.type)).toEqual(WIDGET_TYPES.filter((t) => t !== 'text'));
    expect(options).toHaveLength(choices.length);
    options.forEach((option, i) => {
      const type = choices[i]?.type ?? 'table';
      const info = WIDGET_TYPE_INFO[type];
      expect(option.input).toContain(`id="x-type-${type}"`);
      expect(option.input).toContain('type="radio"');
      expect(option.input).toContain('name="x-type"');
      expect(option.forId).toBe(`x-type-${type}`);
      expect(option.name).toBe(type === 'bar' ? `${info.label} (suggéré)` : info.label);
      expect(option.explanation).toBe(info.description);
      expect(option.svg).toContain('aria-hidden="true"');
    });
  });

  it('checks the widget’s type only, in one radio group named by its legend', () => {
    expect(options.filter((o) => o.input.includes('checked=""')).map((o) => o.forId)).toEqual([
      'x-type-sankey',
    ]);
    expect(html).toMatch(/^<fieldset class="fr-fieldset type-chooser" aria-labelledby="x-type-legende">/);
    expect(html).toMatch(/<legend [^>]*id="x-type-legende">Type de visualisation/);
  });

  it('says when the type the user picked cannot show the query yet, and only then', () => {
    const render = (waiting: string | null) =>
      renderToStaticMarkup(
        createElement(TypeChooser, {
          idPrefix: 'x',
          choices,
          value: 'kpi',
          suggested: 'kpi',
          waiting,
          onChange: () => undefined,
        }),
      );
    const waiting = render('Flux');
    expect(waiting).toContain('aria-describedby="x-type-attente"');
    expect(waiting).toMatch(
      /<p [^>]*id="x-type-attente">Votre choix, « Flux », s’affichera dès que les mesures et dimensions choisies le permettront\.<\/p>/,
    );
    expect(render(null)).not.toContain('x-type-attente');
  });
});
