/**
 * A tiny rasterizer for soft, flat shapes: every shape is a signed distance function (negative
 * inside, in pixels), filled with one pixel of anti-aliasing or blurred into a glow. Each shape
 * only visits its own bounding box, so a whole set of pictures renders in a fraction of a second.
 */

export type Rgb = readonly [number, number, number];

/**
 * Read once: under jest, modules run in a vm context where every global lookup (Math, Infinity)
 * goes through an interceptor, which made the per-pixel loops thirty times slower.
 */
const { abs, ceil, exp, floor, max, min, round, sqrt } = Math;
const FAR = Number.POSITIVE_INFINITY;

/** Math.hypot is several times slower in V8, and this runs for every pixel of every shape. */
function length(x: number, y: number): number {
  return sqrt(x * x + y * y);
}

/** `#rrggbb` as linear-ish 0..1 channels (plain sRGB values; the pictures are too soft to care). */
export function hex(color: string): Rgb {
  const value = Number.parseInt(color.replace(/^#/, ''), 16);
  return [((value >> 16) & 0xff) / 255, ((value >> 8) & 0xff) / 255, (value & 0xff) / 255];
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A shape: its distance function and a box outside which it is certainly empty. */
export interface Shape {
  distance(x: number, y: number): number;
  bounds: Box;
}

export function circle(cx: number, cy: number, r: number): Shape {
  return { distance: (x, y) => length(x - cx, y - cy) - r, bounds: { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r } };
}

/** An ellipse, with the usual cheap distance (exact on the axes, close enough elsewhere for soft art). */
export function ellipse(cx: number, cy: number, rx: number, ry: number): Shape {
  const r = min(rx, ry);
  return {
    distance: (x, y) => (length((x - cx) / rx, (y - cy) / ry) - 1) * r,
    bounds: { x0: cx - rx, y0: cy - ry, x1: cx + rx, y1: cy + ry },
  };
}

/** A rectangle of `w` by `h` with corners rounded by `r`, centred on (cx, cy), turned by `angle` radians. */
export function roundedBox(cx: number, cy: number, w: number, h: number, r: number, angle = 0): Shape {
  const cosA = Math.cos(angle);
  const sinA = Math.sin(angle);
  const hx = w / 2 - r;
  const hy = h / 2 - r;
  const reach = length(w, h) / 2;
  return {
    distance: (x, y) => {
      const dx = x - cx;
      const dy = y - cy;
      const qx = abs(dx * cosA + dy * sinA) - hx;
      const qy = abs(-dx * sinA + dy * cosA) - hy;
      return length(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r;
    },
    bounds: { x0: cx - reach, y0: cy - reach, x1: cx + reach, y1: cy + reach },
  };
}

/** A band `width` wide along a shape's edge. */
export function outline(shape: Shape, width: number): Shape {
  const { x0, y0, x1, y1 } = shape.bounds;
  return { distance: (x, y) => abs(shape.distance(x, y)) - width / 2, bounds: { x0: x0 - width, y0: y0 - width, x1: x1 + width, y1: y1 + width } };
}

/** A round-ended line through the points, `width` thick. */
export function polyline(points: ReadonlyArray<readonly [number, number]>, width: number): Shape {
  const half = width / 2;
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const segments = points.slice(1).map(([bx, by], i) => {
    const [ax, ay] = points[i];
    return { ax, ay, ex: bx - ax, ey: by - ay, top: min(ay, by), bottom: max(ay, by) };
  });
  return {
    distance: (x, y) => {
      let best = FAR;
      for (const { ax, ay, ex, ey, top, bottom } of segments) {
        // The vertical gap alone already rules out most segments of an upright figure.
        if (top - y >= best || y - bottom >= best) continue;
        const t = max(0, min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey || 1)));
        best = min(best, length(x - ax - t * ex, y - ay - t * ey));
      }
      return best - half;
    },
    bounds: { x0: min(...xs) - half, y0: min(...ys) - half, x1: max(...xs) + half, y1: max(...ys) + half },
  };
}

export class Canvas {
  readonly pixels: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Float32Array(width * height * 3);
  }

  /** Paints every pixel from `inner` at (cx, cy) to `outer` at `reach` pixels and beyond, eased. */
  fillRadial(cx: number, cy: number, reach: number, inner: Rgb, outer: Rgb): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const t = min(1, length(x + 0.5 - cx, y + 0.5 - cy) / reach);
        const k = t * t * (3 - 2 * t);
        const i = (y * this.width + x) * 3;
        for (let c = 0; c < 3; c++) this.pixels[i + c] = inner[c] + (outer[c] - inner[c]) * k;
      }
    }
  }

  /** Paints `shape` over what is there, its edge anti-aliased over about one pixel. */
  fill(shape: Shape, color: Rgb, opacity = 1): void {
    this.paint(shape, 1, (d) => opacity * min(1, max(0, 0.5 - d)), color, false);
  }

  /**
   * Adds light around and inside `shape`, fading like a Gaussian over `radius` pixels outside it:
   * added rather than painted over, so overlapping glows brighten like light does.
   */
  glow(shape: Shape, color: Rgb, strength: number, radius: number): void {
    this.paint(shape, radius * 3, (d) => (d <= 0 ? strength : strength * exp(-((d / radius) ** 2))), color, true);
  }

  private paint(shape: Shape, margin: number, coverage: (distance: number) => number, color: Rgb, additive: boolean): void {
    const { bounds } = shape;
    const x0 = max(0, floor(bounds.x0 - margin));
    const y0 = max(0, floor(bounds.y0 - margin));
    const x1 = min(this.width, ceil(bounds.x1 + margin));
    const y1 = min(this.height, ceil(bounds.y1 + margin));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const a = coverage(shape.distance(x + 0.5, y + 0.5));
        if (a <= 0) continue;
        const i = (y * this.width + x) * 3;
        for (let c = 0; c < 3; c++) {
          this.pixels[i + c] = additive ? this.pixels[i + c] + color[c] * a : this.pixels[i + c] * (1 - a) + color[c] * a;
        }
      }
    }
  }

  /** 8-bit RGB, clamped and rounded, for the PNG writer. */
  toRgb8(): Uint8Array {
    const out = new Uint8Array(this.pixels.length);
    for (let i = 0; i < this.pixels.length; i++) out[i] = round(min(1, max(0, this.pixels[i])) * 255);
    return out;
  }
}
