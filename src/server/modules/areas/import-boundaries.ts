/**
 * Imports a GeoJSON or TopoJSON file whose features carry a Kemendagri code. The
 * whole file is checked first; if any feature is bad, every problem is reported
 * and nothing is written (one transaction). Re-importing replaces the polygons of
 * the codes in the file and leaves others alone.
 */
import type { Kysely } from 'kysely';
import { feature as topoFeature } from 'topojson-client';
import type { Objects, Topology } from 'topojson-specification';
import { isWellFormedAreaCode, levelOfCode } from '../../../shared/area-code.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { type AuditContext, recordAudit } from '../audit/record-audit.ts';
import { findAreasByCode } from './queries.ts';
import { centroidOf, type PolygonalGeometry, SIMPLIFY_TOLERANCE, simplifyGeometry } from './simplify.ts';

/** Property names under which boundary files commonly carry the code. */
const CODE_PROPERTIES = ['code', 'kode', 'kode_wilayah', 'kode_kemendagri', 'kdepum', 'kd_wilayah', 'id'];
const MAX_REPORTED_PROBLEMS = 200;

interface GeoFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface BoundaryImportOutcome {
  imported: number;
  byLevel: Record<string, number>;
}

/** Accepts dotted codes and the undotted BPS-style spelling (5203012002). */
export function normaliseCode(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  if (isWellFormedAreaCode(text)) return text;
  if (/^\d+$/.test(text) && [2, 4, 6, 10].includes(text.length)) {
    const parts = [text.slice(0, 2), text.slice(2, 4), text.slice(4, 6), text.slice(6)].filter(Boolean);
    return parts.join('.');
  }
  return null;
}

function featuresOf(document: unknown): GeoFeature[] {
  if (!document || typeof document !== 'object') {
    throw new AppError('BOUNDARY_FILE_INVALID', 'The file is not a JSON object');
  }
  const doc = document as { type?: string; features?: unknown; objects?: Record<string, unknown> };
  if (doc.type === 'Topology') {
    const topology = document as Topology<Objects>;
    const features: GeoFeature[] = [];
    for (const object of Object.values(topology.objects ?? {})) {
      let converted: { type: 'FeatureCollection'; features: GeoFeature[] } | GeoFeature;
      try {
        converted = topoFeature(topology, object as never) as unknown as typeof converted;
      } catch (error) {
        // topojson-client trusts its input; a malformed topology must be the caller's 400, not our 500.
        throw new AppError(
          'BOUNDARY_FILE_INVALID',
          `The TopoJSON cannot be read: ${(error as Error).message}`,
        );
      }
      if ('features' in converted) features.push(...converted.features);
      else features.push(converted);
    }
    return features;
  }
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features as GeoFeature[];
  if (doc.type === 'Feature') return [document as GeoFeature];
  throw new AppError(
    'BOUNDARY_FILE_INVALID',
    'Expected a GeoJSON FeatureCollection/Feature or a TopoJSON Topology',
  );
}

function validCoordinates(geometry: PolygonalGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as unknown[]);
  if (!Array.isArray(polygons) || polygons.length === 0) return false;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return false;
    for (const ring of polygon as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) return false;
      for (const p of ring as unknown[]) {
        if (!Array.isArray(p) || p.length < 2) return false;
        const [x, y] = p as [unknown, unknown];
        if (typeof x !== 'number' || typeof y !== 'number') return false;
        if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return false;
      }
    }
  }
  return true;
}

export function parseBoundaryFile(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('BOUNDARY_FILE_INVALID', `The file is not valid JSON: ${(error as Error).message}`);
  }
}

/** Imports a parsed GeoJSON/TopoJSON document; throws BOUNDARY_FILE_INVALID listing every bad feature. */
export async function importBoundaries(
  db: Kysely<DB>,
  document: unknown,
  source: string,
  context: AuditContext,
): Promise<BoundaryImportOutcome> {
  const features = featuresOf(document);
  if (features.length === 0) throw new AppError('BOUNDARY_FILE_INVALID', 'The file has no features');

  const problems: ErrorDetail[] = [];
  const parsed: Array<{ index: number; code: string; geometry: PolygonalGeometry }> = [];
  const seen = new Set<string>();
  features.forEach((f, index) => {
    if (!f || typeof f !== 'object') {
      problems.push({ path: `features[${index}]`, message: 'not a GeoJSON feature', code: 'bad_feature' });
      return;
    }
    const props = f.properties && typeof f.properties === 'object' ? f.properties : {};
    const rawCode = CODE_PROPERTIES.map((k) => props[k]).find((v) => v !== undefined && v !== null) ?? f.id;
    const code = normaliseCode(rawCode);
    if (!code) {
      problems.push({
        path: `features[${index}]`,
        message: `no Kemendagri code (looked for properties ${CODE_PROPERTIES.join(', ')}; got ${JSON.stringify(rawCode ?? null)})`,
        code: 'missing_code',
      });
      return;
    }
    if (seen.has(code)) {
      problems.push({
        path: `features[${index}]`,
        message: `code ${code} appears twice`,
        code: 'duplicate_code',
      });
      return;
    }
    seen.add(code);
    const geometry = f.geometry as PolygonalGeometry | null;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      problems.push({
        path: `features[${index}].geometry`,
        message: `${code}: geometry must be Polygon or MultiPolygon (got ${geometry?.type ?? 'none'})`,
        code: 'bad_geometry',
      });
      return;
    }
    if (!validCoordinates(geometry)) {
      problems.push({
        path: `features[${index}].geometry`,
        message: `${code}: coordinates are not valid [longitude, latitude] rings`,
        code: 'bad_coordinates',
      });
      return;
    }
    parsed.push({ index, code, geometry });
  });

  const known = new Set((await findAreasByCode(db, [...seen])).map((a) => a.code));
  for (const item of parsed) {
    if (!known.has(item.code)) {
      problems.push({
        path: `features[${item.index}]`,
        message: `unknown area code ${item.code} (load its province first: simpul areas:load ${item.code.slice(0, 2)})`,
        code: 'unknown_area',
      });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    throw new AppError(
      'BOUNDARY_FILE_INVALID',
      `${problems.length} feature(s) cannot be imported; nothing was written`,
      problems.slice(0, MAX_REPORTED_PROBLEMS),
    );
  }

  const byLevel: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    const CHUNK = 200;
    for (let i = 0; i < parsed.length; i += CHUNK) {
      const rows = parsed.slice(i, i + CHUNK).map(({ code, geometry }) => {
        const level = levelOfCode(code);
        byLevel[level] = (byLevel[level] ?? 0) + 1;
        const centroid = centroidOf(geometry);
        return {
          area_code: code,
          level,
          geometry: JSON.stringify(geometry),
          geometry_simplified: JSON.stringify(simplifyGeometry(geometry, SIMPLIFY_TOLERANCE[level])),
          centroid_lng: centroid?.[0] ?? null,
          centroid_lat: centroid?.[1] ?? null,
          source,
          imported_at: new Date(),
        };
      });
      await trx
        .insertInto('area_boundaries')
        .values(rows)
        .onConflict((oc) =>
          oc.column('area_code').doUpdateSet((eb) => ({
            geometry: eb.ref('excluded.geometry'),
            geometry_simplified: eb.ref('excluded.geometry_simplified'),
            centroid_lng: eb.ref('excluded.centroid_lng'),
            centroid_lat: eb.ref('excluded.centroid_lat'),
            source: eb.ref('excluded.source'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
    }
    await recordAudit(trx, context, {
      action: 'import',
      entityType: 'area_boundaries',
      entityId: null,
      after: { imported: parsed.length, byLevel, source },
    });
  });
  return { imported: parsed.length, byLevel };
}
