import { PICTURE_HEIGHT, PICTURE_WIDTH, type PictureColour, type TypePicture } from './picture.ts';

/** DSFR tokens of the picture colours (the light theme's value after the comma, if no DSFR sheet). */
const COLOURS: Readonly<Record<PictureColour, string>> = {
  major: 'var(--artwork-major-blue-france, #000091)',
  minor: 'var(--artwork-minor-blue-france, #6a6af4)',
  light: 'var(--blue-france-850-200, #cacafb)',
  accent: 'var(--artwork-minor-red-marianne, #e1000f)',
  grey: 'var(--text-mention-grey, #666666)',
  paper: 'var(--background-default-grey, #ffffff)',
};

export interface TypePictureSvgProps {
  readonly picture: TypePicture;
  /** Drawn width in pixels (the height follows the 56 × 40 canvas). Default 56. */
  readonly width?: number;
  readonly className?: string;
}

/**
 * A widget type's picture as inline SVG, hidden from assistive technologies: it sits beside the
 * type's name and explanation, which say the same in words.
 */
export function TypePictureSvg({ picture, width = PICTURE_WIDTH, className }: TypePictureSvgProps) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${PICTURE_WIDTH} ${PICTURE_HEIGHT}`}
      width={width}
      height={(width * PICTURE_HEIGHT) / PICTURE_WIDTH}
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {picture.map((shape) =>
        shape.stroke === undefined ? (
          <path key={shape.d} d={shape.d} style={{ fill: COLOURS[shape.colour] }} />
        ) : (
          <path
            key={shape.d}
            d={shape.d}
            style={{
              fill: 'none',
              stroke: COLOURS[shape.colour],
              strokeWidth: shape.stroke,
              strokeLinecap: 'round',
              strokeLinejoin: 'round',
            }}
          />
        ),
      )}
    </svg>
  );
}
