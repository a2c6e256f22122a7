/**
 * A widget type's picture: a few SVG paths on a 56 × 40 canvas, each in one DSFR colour. Data, not
 * markup, so a definition stays free of React (the server reads the definitions too); the app draws
 * it with `TypePictureSvg`. Decorative: the type's name and explanation are the accessible text.
 */

/** The DSFR colours a picture may use (see COLOURS in TypePictureSvg.tsx for the tokens). */
export type PictureColour = 'major' | 'minor' | 'light' | 'accent' | 'grey' | 'paper';

export interface PictureShape {
  /** SVG path data, in the 56 × 40 canvas. */
  readonly d: string;
  readonly colour: PictureColour;
  /** Line width: the path is drawn as a line of this width instead of being filled. */
  readonly stroke?: number;
}

/** The shapes, drawn in order (later ones on top). */
export type TypePicture = readonly PictureShape[];

export const PICTURE_WIDTH = 56;
export const PICTURE_HEIGHT = 40;
