import { defineWidget } from '../widget/define.ts';
import { hasCoordinates } from '../widget/shape.ts';
import { mapRendering } from './rendering.ts';
import { mapOptions } from './spec.ts';

export const map = defineWidget({
  ...mapRendering,
  label: 'Carte',
  description: 'Des montants par territoire, en couleurs, ou des lieux placés par leurs coordonnées.',
  picture: [
    { d: 'M22.1 8.6L27.4 5.7L30.6 2.2L36.7 6.6L43 8.8L30.3 20.7z', colour: 'light' },
    { d: 'M43 8.8L50.9 10.9L48.7 16.5L43.4 21.9L46.6 23.6L45.2 26.9L30.3 20.7z', colour: 'major' },
    {
      d: 'M45.2 26.9L46.6 30.6L48.4 32.3L42.7 35.2L40.6 34.4L37.7 33.7L32.8 37.9L27.8 37.7L30.3 20.7z',
      colour: 'light',
    },
    { d: 'M27.8 37.7L20.7 36.4L15.4 34.2L17.3 29L17.8 24.8L17.5 22.5L30.3 20.7z', colour: 'major' },
    {
      d: 'M17.5 22.5L13.9 18L9.7 16.1L5.1 14.9L4.7 13.2L14.6 12.2L16.1 8L22.1 8.6L30.3 20.7z',
      colour: 'minor',
    },
    {
      d: 'M30.3 20.7L22.1 8.6 M30.3 20.7L43 8.8 M30.3 20.7L45.2 26.9 M30.3 20.7L27.8 37.7 M30.3 20.7L17.5 22.5',
      colour: 'paper',
      stroke: 0.75,
    },
  ],
  minSize: { w: 4, h: 8 },
  options: mapOptions,
  // Areas need a territorial first dimension and a value; points need the two coordinates.
  fits: (s) => (s.measures >= 1 && s.dimensions[0]?.type === 'geo') || hasCoordinates(s),
});
