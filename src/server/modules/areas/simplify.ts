/**
 * Geometry helpers for boundary import: Douglas–Peucker simplification per ring and
 * an area-weighted centroid. Coordinates are WGS84 [lng, lat] degrees; tolerances are
 * in degrees too (0.001° ≈ 110 m at NTB's latitude), which is fine for choropleths.
 */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export interface PolygonalGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: PolygonCoords | PolygonCoords[];
}

/** Tolerance per level: coarser for bigger areas, which are drawn smaller. */
export const SIMPLIFY_TOLERANCE = {
  province: 0.004,
  regency: 0.002,
  district: 0.001,
  village: 0.0003,
} as const;

function perpendicularDistanceSq(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (dx === 0 && dy === 0) return (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2;
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return (p[0] - (a[0] + t * dx)) ** 2 + (p[1] - (a[1] + t * dy)) ** 2;
}

/** Iterative Douglas–Peucker (no recursion: village rings can have thousands of points). */
function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  const tolSq = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let maxDist = 0;
    let index = -1;
    for (let i = first + 1; i < last; i += 1) {
      const d = perpendicularDistanceSq(
        points[i] as Position,
        points[first] as Position,
        points[last] as Position,
      );
      if (d > maxDist) {
        maxDist = d;
        index = i;
      }
    }
    if (index >= 0 && maxDist > tolSq) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function simplifyRing(ring: Ring, tolerance: number): Ring | null {
  const simplified = simplifyLine(ring, tolerance).map(([x, y]) => [round5(x), round5(y)] as Position);
  // A ring needs 4 positions (closed triangle); smaller ones vanish at this scale.
  return simplified.length >= 4 ? simplified : null;
}

function simplifyPolygon(polygon: PolygonCoords, tolerance: number): PolygonCoords | null {
  const [outer, ...holes] = polygon;
  if (!outer) return null;
  const simplifiedOuter = simplifyRing(outer, tolerance);
  // Keep a tiny island visible rather than dropping it: fall back to its original ring.
  const shell = simplifiedOuter ?? outer.map(([x, y]) => [round5(x), round5(y)] as Position);
  const keptHoles = holes.map((h) => simplifyRing(h, tolerance)).filter((h): h is Ring => h !== null);
  return [shell, ...keptHoles];
}

export function simplifyGeometry(geometry: PolygonalGeometry, tolerance: number): PolygonalGeometry {
  if (geometry.type === 'Polygon') {
    return {
      type: 'Polygon',
      coordinates: simplifyPolygon(geometry.coordinates as PolygonCoords, tolerance) ?? [],
    };
  }
  const polygons = (geometry.coordinates as PolygonCoords[])
    .map((p) => simplifyPolygon(p, tolerance))
    .filter((p): p is PolygonCoords => p !== null);
  return { type: 'MultiPolygon', coordinates: polygons };
}

function ringAreaAndCentroid(ring: Ring): { area: number; x: number; y: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    const cross = xj * yi - xi * yj;
    area += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  area /= 2;
  if (area === 0) {
    const first = ring[0] ?? [0, 0];
    return { area: 0, x: first[0], y: first[1] };
  }
  return { area, x: cx / (6 * area), y: cy / (6 * area) };
}

/** Centroid of the outer rings, weighted by area: good enough to place a label or a dot. */
export function centroidOf(geometry: PolygonalGeometry): Position | null {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as PolygonCoords]
      : (geometry.coordinates as PolygonCoords[]);
  let total = 0;
  let x = 0;
  let y = 0;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 3) continue;
    const c = ringAreaAndCentroid(outer);
    const w = Math.abs(c.area);
    total += w;
    x += c.x * w;
    y += c.y * w;
  }
  if (total === 0) return null;
  return [round5(x / total), round5(y / total)];
}
