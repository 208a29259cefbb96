/**
 * The skill's store icons: the same spine figure the screens show, whole column lit, on the same
 * night sky, at the two sizes Alexa asks for (108 and 512 pixels square). They live in the skill
 * package (skill-package/assets/images/), where the ASK CLI uploads `file://` assets from.
 */
import { encodePng } from './png';
import { Canvas, hex } from './raster';
import { drawSpine } from './spine-figure';

export const ICON_SIZES = { small: 108, large: 512 } as const;
export type IconSize = keyof typeof ICON_SIZES;

/** Path inside skill-package/, and the manifest's reference to it. */
export const iconPath = (size: IconSize) => `assets/images/spine-nidra-${size}-icon.png`;
export const iconUri = (size: IconSize) => `file://${iconPath(size)}`;

const NIGHT = { centre: hex('#1a3a6a'), edge: hex('#040a16') };

export function renderIcon(size: IconSize): Buffer {
  const pixels = ICON_SIZES[size];
  const canvas = new Canvas(pixels, pixels);
  canvas.fillRadial(pixels / 2, pixels / 2, pixels * 0.72, NIGHT.centre, NIGHT.edge);
  // The figure fills most of the height: at 108 pixels a smaller one is only a smudge.
  drawSpine(canvas, 'column', { cx: pixels / 2, top: pixels * 0.05, height: pixels * 0.9, intensity: 1 });
  return encodePng(pixels, pixels, canvas.toRgb8());
}
