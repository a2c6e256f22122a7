/**
 * The map in a picture: drawn again off screen at the picture's width and twice its pixel
 * density (the map's own style: sources, layers, selection), framed on the data — or on the
 * reader's view when they zoomed in — and its legend (classes with their values, « Pas de
 * données », reference circles) drawn as text, since on screen the legend is HTML over the map.
 */
import * as maplibregl from 'maplibre-gl';
import { PICTURE_PIXEL_RATIO } from '../picture/compose.ts';
import { imageVisual } from '../picture/image.ts';
import type { LegendEntry, PictureLegend, PictureVisual } from '../picture/types.ts';
import { SYMBOL_FILL } from './colours.ts';
import { HATCH_IMAGE, hatchPattern } from './layers.ts';
import type { Scene } from './scene.ts';

/** The map's height in a picture, from its proportions on screen, within these bounds (CSS px). */
const MIN_HEIGHT = 360;
const MAX_HEIGHT = 640;
/** Longer than this without the map drawn: the picture is given up, with a message. */
const RENDER_TIMEOUT_MS = 20_000;

/** The legend of `scene`, titled like the one on screen. */
export function mapLegend(scene: Scene | null, title: string): PictureLegend | null {
  if (!scene) return null;
  const entries: LegendEntry[] = [
    ...scene.legend.map(
      (item): LegendEntry =>
        item.kind === 'no-data'
          ? { kind: 'no-data', label: item.label }
          : { kind: 'swatch', colour: item.colour, label: item.label },
    ),
    ...scene.symbolLegend.map(
      (symbol): LegendEntry => ({
        kind: 'circle',
        radius: symbol.radius,
        colour: symbol.colour ?? SYMBOL_FILL,
        translucent: symbol.colour === undefined,
        label: symbol.label,
      }),
    ),
  ];
  if (entries.length === 0 && !scene.legendNote) return null;
  return { title: scene.legendTitle ?? (title || null), entries, note: scene.legendNote };
}

type Bounds = [number, number, number, number];

/** The data's extent when the reader sees all of it, else what they look at (a zoom, a territory). */
function framing(live: maplibregl.Map, scene: Scene | null): Bounds {
  const view = live.getBounds();
  const extent = scene?.extent;
  if (extent) {
    const [west, south, east, north] = extent;
    const seen = view.contains([west, south]) && view.contains([east, north]);
    if (seen) return [west, south, east, north];
  }
  return [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()];
}

/** Draws `live`'s style off screen at `width` × `height` and copies the result. */
async function redraw(
  live: maplibregl.Map,
  bounds: Bounds,
  width: number,
  height: number,
): Promise<HTMLCanvasElement> {
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, {
    position: 'fixed',
    left: '-20000px',
    top: '0',
    width: `${width}px`,
    height: `${height}px`,
    pointerEvents: 'none',
  });
  document.body.append(container);
  const map = new maplibregl.Map({
    container,
    style: live.getStyle(),
    bounds,
    fitBoundsOptions: { padding: 16 },
    pixelRatio: PICTURE_PIXEL_RATIO,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  // The hatching of areas without data is an image the style names, added by code.
  map.on('styleimagemissing', (event) => {
    if (event.id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchPattern());
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('La carte n’a pas pu être dessinée pour l’image : réessayez.')),
        RENDER_TIMEOUT_MS,
      );
      map.once('idle', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const copy = document.createElement('canvas');
    copy.width = width * PICTURE_PIXEL_RATIO;
    copy.height = height * PICTURE_PIXEL_RATIO;
    copy.getContext('2d')?.drawImage(map.getCanvas(), 0, 0, copy.width, copy.height);
    return copy;
  } finally {
    map.remove();
    container.remove();
  }
}

export async function mapPicture(
  live: maplibregl.Map,
  scene: Scene | null,
  legendTitle: string,
  width: number,
): Promise<PictureVisual> {
  const shown = live.getCanvas();
  const ratio = shown.clientWidth > 0 ? shown.clientHeight / shown.clientWidth : 0.6;
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, width * ratio)));
  const image = await redraw(live, framing(live, scene), width, height);
  return imageVisual({ image, width, height, legend: mapLegend(scene, legendTitle) });
}
