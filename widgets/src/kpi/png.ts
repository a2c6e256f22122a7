import { DSFR_FONT, DSFR_GREY, DSFR_PALETTE } from '../echarts/palette.ts';
import type { KpiModel } from './toOption.ts';

const WIDTH = 640;
const HEIGHT = 320;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('Image de la courbe illisible.'));
    image.src = src;
  });
}

/**
 * The KPI as a PNG (2× pixel ratio, white background): title, big value, period, comparison
 * and the sparkline image. The KPI is HTML, not a canvas, so it is redrawn here for the export.
 */
export async function kpiToPng(title: string, model: KpiModel, sparkline: string | null): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * 2;
  canvas.height = HEIGHT * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Ce navigateur ne permet pas de dessiner l’image de l’indicateur.');
  context.scale(2, 2);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.fillStyle = DSFR_GREY.text;
  context.font = `bold 20px ${DSFR_FONT}`;
  context.fillText(title, 24, 40, WIDTH - 48);
  context.font = `16px ${DSFR_FONT}`;
  context.fillText(model.period ? `${model.label} en ${model.period}` : model.label, 24, 72, WIDTH - 48);
  context.fillStyle = DSFR_PALETTE[0] ?? '#000091';
  context.font = `bold 48px ${DSFR_FONT}`;
  context.fillText(model.valueText, 24, 136, WIDTH - 48);
  context.fillStyle = DSFR_GREY.text;
  context.font = `16px ${DSFR_FONT}`;
  if (model.valueText !== model.exactText) context.fillText(`soit ${model.exactText}`, 24, 166, WIDTH - 48);
  if (model.comparison) {
    const arrow =
      model.comparison.direction === 'up' ? '▲ ' : model.comparison.direction === 'down' ? '▼ ' : '';
    context.fillText(`${arrow}${model.comparison.text}`, 24, 194, WIDTH - 48);
  }
  if (sparkline) context.drawImage(await loadImage(sparkline), 24, 214, WIDTH - 48, 80);
  return canvas.toDataURL('image/png');
}
