// Draws the Teams app icons into appPackage/: color.png (192x192) and outline.png (32x32).
// The glyph is a speech bubble (the bot) holding a shield with a tick (the policy kept).
// Run: node scripts/makeIcons.mjs. The output is deterministic, so re-running changes nothing.
//
// Teams' rules (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package):
// - color: 192x192, full colour; the symbol sits inside the central 120x120 safe area.
// - outline: 32x32, white on a fully transparent background (alpha channel), no other colour.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "appPackage");

/** Each pixel is sampled SS x SS times; the share of samples inside a shape is its coverage. */
const SS = 4;

// ---- shapes as signed distance functions in a 0..1 square (negative inside) ----

function roundedRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A closed polygon: distance to the nearest edge, negative inside (even-odd rule). */
function polygon(points) {
  return (x, y) => {
    let d = Infinity;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      d = Math.min(d, segmentDistance(x, y, points[j], points[i]));
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? -d : d;
  };
}

/** An open polyline drawn with a round pen of the given width. */
function stroke(points, width) {
  return (x, y) => {
    let d = Infinity;
    for (let i = 1; i < points.length; i++)
      d = Math.min(d, segmentDistance(x, y, points[i - 1], points[i]));
    return d - width / 2;
  };
}

const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

/** The ring of a shape: the band `width` wide just inside its edge. */
const ring = (shape, width) => (x, y) => {
  const d = shape(x, y);
  return Math.max(d, -width - d);
};

/** A heater shield: straight sides for the upper part, then curving to a point at the bottom. */
function shield(cx, top, w, h) {
  const points = [];
  const shoulder = top + h * 0.45;
  points.push([cx - w / 2, top], [cx + w / 2, top]);
  for (let i = 0; i <= 16; i++) {
    const t = i / 16;
    const y = shoulder + (top + h - shoulder) * t;
    points.push([cx + (w / 2) * Math.cos((t * Math.PI) / 2), y]);
  }
  for (let i = 16; i >= 0; i--) {
    const t = i / 16;
    const y = shoulder + (top + h - shoulder) * t;
    points.push([cx - (w / 2) * Math.cos((t * Math.PI) / 2), y]);
  }
  return polygon(points);
}

// ---- the glyph, in the 0..1 square ----

const bubbleBody = roundedRect(0.16, 0.2, 0.84, 0.7, 0.1);
const bubbleTail = polygon([
  [0.28, 0.66],
  [0.46, 0.66],
  [0.24, 0.86],
]);
const bubble = union(bubbleBody, bubbleTail);
const badge = shield(0.5, 0.27, 0.26, 0.36);
const tick = (width) =>
  stroke(
    [
      [0.42, 0.44],
      [0.48, 0.5],
      [0.59, 0.37],
    ],
    width,
  );

// ---- rasterising ----

/** Layers are painted in order over a transparent canvas; each is [shape, [r, g, b]]. */
function render(size, layers) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const [shape, [lr, lg, lb]] of layers) {
        let hits = 0;
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) {
            if (shape((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size) <= 0) hits++;
          }
        }
        const cover = hits / (SS * SS);
        if (cover === 0) continue;
        // "source over" compositing with straight (non-premultiplied) colour.
        const outA = cover + a * (1 - cover);
        r = (lr * cover + r * a * (1 - cover)) / outA;
        g = (lg * cover + g * a * (1 - cover)) / outA;
        b = (lb * cover + b * a * (1 - cover)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const NAVY = [0x1f, 0x4e, 0x79]; // the manifest's accentColor
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x2e, 0x85, 0x40];
const everywhere = () => -1;

const color = render(192, [
  [everywhere, NAVY],
  [bubble, WHITE],
  [badge, GREEN],
  [tick(0.045), WHITE],
]);

// At 32 px a filled bubble would swallow the shield, so the outline draws the bubble's edge
// and a bold tick inside it: white only, everything else fully transparent.
const outline = render(32, [
  [ring(bubble, 0.07), WHITE],
  [
    stroke(
      [
        [0.36, 0.45],
        [0.47, 0.56],
        [0.66, 0.34],
      ],
      0.1,
    ),
    WHITE,
  ],
]);

fs.writeFileSync(path.join(outDir, "color.png"), color);
fs.writeFileSync(path.join(outDir, "outline.png"), outline);
console.log(`wrote ${path.relative(root, path.join(outDir, "color.png"))} (192x192)`);
console.log(`wrote ${path.relative(root, path.join(outDir, "outline.png"))} (32x32)`);
