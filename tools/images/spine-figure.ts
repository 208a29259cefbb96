/**
 * The spine as the practice counts it (7 neck, 12 upper and middle back, 5 lower back vertebrae,
 * then the sacrum), drawn as a calm side view with its gentle S curve, the skull hinted above,
 * and one region lit. Geometry is in abstract units and scaled to whatever box it is placed in.
 */
import type { ImageRegion } from '../../models/image-regions';
import { type Canvas, ellipse, hex, outline, polyline, roundedBox, type Rgb } from './raster';

type SpineRegion = Exclude<ImageRegion, 'none' | 'column'>;

/** The vertebrae the spine rotation turns, region by region, and how they grow down the back. */
export const VERTEBRAE: ReadonlyArray<{ region: SpineRegion; count: number; height: [number, number]; width: [number, number]; gap: number }> = [
  { region: 'cervical', count: 7, height: [8, 9], width: [24, 30], gap: 4 },
  { region: 'thoracic', count: 12, height: [10, 13], width: [31, 40], gap: 4 },
  { region: 'lumbar', count: 5, height: [15, 17], width: [44, 52], gap: 5 },
];

/** The fused sacral pieces, narrowing to the tailbone. */
const SACRUM_WIDTHS = [46, 38, 30, 22];
const SACRUM_PIECE = 11;
const SKULL = { rx: 46, ry: 54, gap: 10 };
const CURVE_UNITS = 13;

const COLORS = {
  bone: hex('#7089b8'),
  boneCalm: hex('#9cb4da'),
  lit: hex('#eef6ff'),
  glow: hex('#3f8fff'),
  cord: hex('#35578a'),
  skull: hex('#8aa6d1'),
};

interface Piece {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
  region: SpineRegion | 'sacrum';
}

/** The S curve, seen from the side: the neck and lower back curve one way, the upper back the other. */
function curve(t: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((t - centre) / width) ** 2));
  return CURVE_UNITS * (bump(0.1, 0.12) - bump(0.45, 0.2) + 0.9 * bump(0.8, 0.1) - 0.6 * bump(1, 0.06));
}

/** Every piece in abstract units, top (skull base) at y = 0, plus the column's length. */
function layout(): { pieces: Piece[]; length: number } {
  const lerp = ([a, b]: [number, number], k: number) => a + (b - a) * k;
  const stack: Array<Omit<Piece, 'cx' | 'angle'>> = [];
  let y = 0;
  for (const { region, count, height, width, gap } of VERTEBRAE) {
    for (let i = 0; i < count; i++) {
      const k = count > 1 ? i / (count - 1) : 0;
      const h = lerp(height, k);
      stack.push({ cy: y + h / 2, w: lerp(width, k), h, region });
      y += h + gap;
    }
  }
  for (const w of SACRUM_WIDTHS) {
    stack.push({ cy: y + SACRUM_PIECE / 2, w, h: SACRUM_PIECE, region: 'sacrum' });
    y += SACRUM_PIECE + 1.5;
  }
  const length = y;
  const pieces = stack.map((piece) => {
    const t = piece.cy / length;
    const slope = (curve(t + 0.001) - curve(t - 0.001)) / (0.002 * length);
    return { ...piece, cx: curve(t), angle: -Math.atan(slope) };
  });
  return { pieces, length };
}

const LAYOUT = layout();
/** From the skull's top to the tailbone, in units. */
const FIGURE_HEIGHT = SKULL.ry * 2 + SKULL.gap + LAYOUT.length;

export interface Placement {
  /** Horizontal centre of the column, pixels. */
  cx: number;
  /** Top of the skull, pixels. */
  top: number;
  /** Skull to tailbone, pixels. */
  height: number;
  /** 1 for cover art; less where the figure sits behind a player's text. */
  intensity: number;
}

function isLit(region: ImageRegion, piece: Piece): boolean {
  return region === 'column' || piece.region === region;
}

export function drawSpine(canvas: Canvas, region: ImageRegion, place: Placement): void {
  const scale = place.height / FIGURE_HEIGHT;
  const spineTop = place.top + (SKULL.ry * 2 + SKULL.gap) * scale;
  const at = (piece: Piece) => ({ x: place.cx + piece.cx * scale, y: spineTop + piece.cy * scale });
  const strength = (value: number) => value * place.intensity;
  const { pieces } = LAYOUT;
  const centres = (list: Piece[]) => list.map((piece) => [at(piece).x, at(piece).y] as const);

  // The skull: a faint shell and its rim, slightly forward of the column like the head over the neck.
  const skull = ellipse(place.cx + curve(0) * scale + 6 * scale, place.top + SKULL.ry * scale, SKULL.rx * scale, SKULL.ry * scale);
  canvas.fill(skull, COLORS.skull, strength(0.07));
  canvas.fill(outline(skull, Math.max(1.5, 2.5 * scale)), COLORS.skull, strength(region === 'column' ? 0.75 : 0.45));

  // Light first, under the bones: the whole column breathes softly unless one region is named.
  const lit = pieces.filter((piece) => isLit(region, piece));
  if (lit.length) {
    const width = (lit.reduce((sum, piece) => sum + piece.w, 0) / lit.length) * scale * 0.9;
    canvas.glow(polyline(centres(lit), width), COLORS.glow, strength(0.2), 22 * scale);
  } else {
    canvas.glow(polyline(centres(pieces), 20 * scale), COLORS.glow, strength(0.07), 26 * scale);
  }
  canvas.fill(polyline(centres(pieces), Math.max(1.5, 3 * scale)), COLORS.cord, strength(0.6));

  for (const piece of pieces) {
    const { x, y } = at(piece);
    const radius = Math.min(piece.w, piece.h) * 0.35 * scale;
    const shape = roundedBox(x, y, piece.w * scale, piece.h * scale, radius, piece.angle);
    const [color, opacity]: [Rgb, number] = isLit(region, piece) ? [COLORS.lit, 1] : region === 'none' ? [COLORS.boneCalm, 0.8] : [COLORS.bone, 0.55];
    canvas.fill(shape, color, strength(opacity));
  }
}
