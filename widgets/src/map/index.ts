import { defineWidget } from '../widget/define.ts';
import { hasCoordinates } from '../widget/shape.ts';
import { mapRendering } from './rendering.ts';
import { mapOptions } from './spec.ts';

export const map = defineWidget({
  ...mapRendering,
  label: 'Carte',
  description:
    'Des territoires colorés ou des cercles selon une mesure, ou des points placés par leurs coordonnées.',
  minSize: { w: 4, h: 8 },
  icon: 'fr-icon-map-pin-2-line',
  options: mapOptions,
  // Areas need a territorial first dimension and a value; points need the two coordinates.
  fits: (s) => (s.measures >= 1 && s.dimensions[0]?.type === 'geo') || hasCoordinates(s),
});
