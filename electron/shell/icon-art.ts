/**
 * The app's icon, drawn in code: a rounded blue square with two white arrows chasing each other
 * round a circle (sync). The tray adds a status dot in the corner. Drawn by supersampling a shape
 * test, so it looks smooth at 16 px and at 512 px alike.
 */
import type { Rgba } from './png';

export type TrayState = 'idle' | 'running' | 'ok' | 'failed';

type Color = [number, number, number, number];

const BLUE: Color = [25, 103, 210, 255];
const WHITE: Color = [255, 255, 255, 255];
const DOT: Record<TrayState, Color | null> = {
  idle: null,
  ok: [46, 160, 67, 255],
  running: [245, 166, 35, 255],
  failed: [218, 45, 45, 255],
};

/** A paint function: the colour at (u, v) in the unit square, or null for transparent. */
type Paint = (u: number, v: number) => Color | null;

function roundedSquare(u: number, v: number, radius: number): boolean {
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - radius), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

function arrows(u: number, v: number): boolean {
  const x = u - 0.5;
  const y = v - 0.5;
  const r = Math.hypot(x, y);
  const angle = (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI);
  // Two arcs of the ring, each leaving a gap for an arrow head.
  const onRing = r > 0.22 && r < 0.3;
  const inArc = (angle > 0.35 && angle < 2.6) || (angle > 3.5 && angle < 5.75);
  if (onRing && inArc) return true;
  // The heads: triangles at the end of each arc, pointing along the circle.
  for (const end of [2.6, 5.75]) {
    const cx = Math.cos(end) * 0.26;
    const cy = Math.sin(end) * 0.26;
    // Local frame: t along the tangent (direction of travel), n along the radius.
    const tx = -Math.sin(end);
    const ty = Math.cos(end);
    const t = (x - cx) * tx + (y - cy) * ty;
    const n = (x - cx) * Math.cos(end) + (y - cy) * Math.sin(end);
    if (t >= 0 && t < 0.12 && Math.abs(n) < 0.1 * (1 - t / 0.12)) return true;
  }
  return false;
}

function appPaint(state: TrayState): Paint {
  const dot = DOT[state];
  return (u, v) => {
    if (dot) {
      const d = Math.hypot(u - 0.76, v - 0.76);
      if (d < 0.24) return d < 0.2 ? dot : WHITE;
    }
    if (!roundedSquare(u, v, 0.2)) return null;
    return arrows(u, v) ? WHITE : BLUE;
  };
}

function render(size: number, paint: Paint, samples = 4): Rgba {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = paint((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!c) continue;
          // Premultiplied sums, so edges blend towards transparent rather than black.
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const at = (y * size + x) * 4;
      if (a > 0) {
        data[at] = Math.round(r / a);
        data[at + 1] = Math.round(g / a);
        data[at + 2] = Math.round(b / a);
      }
      data[at + 3] = Math.round(a / (samples * samples));
    }
  }
  return { width: size, height: size, data };
}

/** The application icon (no status dot) at `size` pixels. */
export function appIcon(size: number): Rgba {
  return render(size, appPaint('idle'));
}

/** The tray icon for a state: the app icon with a coloured dot (none when idle). */
export function trayIcon(state: TrayState, size: number): Rgba {
  return render(size, appPaint(state));
}
