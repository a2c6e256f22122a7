/** A visual that is an image already (a chart rendered off screen, the map's canvas). */
import type { PictureLegend, PictureVisual } from './types.ts';

export interface ImageVisualInput {
  readonly image: CanvasImageSource;
  /** Size the image stands for, in CSS pixels (its bitmap may be 2× that). */
  readonly width: number;
  readonly height: number;
  readonly legend?: PictureLegend | null;
  readonly notes?: readonly string[];
}

/** Drawn at its size, or scaled down to the picture's width, and centred. */
export function imageVisual(input: ImageVisualInput): PictureVisual {
  return {
    legend: input.legend ?? null,
    notes: input.notes ?? [],
    layout(width) {
      const scale = Math.min(1, width / input.width);
      const shown = { width: input.width * scale, height: input.height * scale };
      return {
        height: shown.height,
        draw(canvas, x, y) {
          canvas.context.drawImage(input.image, x + (width - shown.width) / 2, y, shown.width, shown.height);
        },
      };
    },
  };
}
