/**
 * The widget types as the builder sees them, taken from the widgets registry (one source of truth
 * for French names, explanations, pictures, what fits which shape, and the suggestion).
 */
import {
  type QueryShape,
  suggestWidgetType,
  WIDGET_TYPE_INFO,
  WIDGET_TYPES,
  type WidgetType,
} from '@dataetat/widgets/react';
import type { TypeRules } from './specState.ts';
import type { TypeChoice } from './TypeChooser.tsx';

export const registryRules: TypeRules = {
  fits: (type: WidgetType, shape: QueryShape) => WIDGET_TYPE_INFO[type].fits(shape),
  suggest: (shape: QueryShape) => suggestWidgetType(shape),
};

/** Types that can show this shape, in the registry's order (text widgets are not built here). */
export function typeChoices(shape: QueryShape, rules: TypeRules = registryRules): readonly TypeChoice[] {
  return WIDGET_TYPES.filter((type) => type !== 'text' && rules.fits(type, shape)).map((type) => {
    const { label, description, picture } = WIDGET_TYPE_INFO[type];
    return { type, label, description, picture };
  });
}
