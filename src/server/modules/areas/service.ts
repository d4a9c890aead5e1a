/**
 * Area operations the routes and the CLI share. Domain code: no HTTP here, only
 * AppError codes the HTTP layer maps.
 */
import type { Kysely } from 'kysely';
import type { AreaLevel } from '../../../shared/area-code.ts';
import {
  ancestorCodes,
  isWellFormedAreaCode,
  levelOfCode,
  normalizeAreaName,
} from '../../../shared/area-code.ts';
import type {
  AreaDetail,
  BoundaryCollection,
  CodeVerdict,
  SearchHit,
} from '../../../shared/contracts/areas.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { presentArea, presentAreaSummary, presentStatistic } from './presenters.ts';
import {
  boundariesFor,
  boundaryVersion,
  descendantCounts,
  findArea,
  findAreasByCode,
  searchAreas,
  statisticsOf,
} from './queries.ts';

/** Malformed and unknown are different errors: the first is the caller's typo, the second a missing area. */
export function assertWellFormed(code: string): void {
  if (!isWellFormedAreaCode(code)) {
    throw new AppError(
      'AREA_CODE_MALFORMED',
      `"${code.slice(0, 40)}" is not a Kemendagri code (e.g. 52.03.01.2002)`,
    );
  }
}

export async function getAreaDetail(db: Kysely<DB>, code: string): Promise<AreaDetail> {
  assertWellFormed(code);
  const row = await findArea(db, code);
  if (!row) throw new AppError('AREA_NOT_FOUND', `No area with code ${code}`);
  const [ancestors, counts, statistics] = await Promise.all([
    findAreasByCode(db, ancestorCodes(code)),
    descendantCounts(db, code),
    statisticsOf(db, code),
  ]);
  ancestors.sort((a, b) => a.code.length - b.code.length);
  return {
    ...presentArea(row),
    ancestors: ancestors.map(presentAreaSummary),
    descendantCounts: counts,
    statistics: statistics.map(presentStatistic),
  };
}

export async function requireArea(db: Kysely<DB>, code: string) {
  assertWellFormed(code);
  const row = await findArea(db, code);
  if (!row) throw new AppError('AREA_NOT_FOUND', `No area with code ${code}`);
  return row;
}

export async function search(
  db: Kysely<DB>,
  q: string,
  options: { within?: string | undefined; level?: AreaLevel | undefined; limit: number },
): Promise<SearchHit[]> {
  const normalized = normalizeAreaName(q);
  if (normalized.length < 2) return [];
  const rows = await searchAreas(db, normalized, options);
  // Name the ancestors of every hit in one query: "Pijot — Keruak, Kabupaten Lombok Timur, Nusa Tenggara Barat".
  const paths = await ancestorPaths(
    db,
    rows.map((r) => r.code),
    { withProvince: true },
  );
  return rows.map((r) => ({
    ...presentAreaSummary(r),
    path: (paths.get(r.code) ?? []).join(', '),
    score: Math.round(r.score * 1000) / 1000,
  }));
}

/**
 * The names of each area's ancestors, nearest first (["Keruak", "Kabupaten Lombok Timur"]), in one
 * query. NTB has village (and a few kecamatan) names that occur more than once, so wherever a
 * name is shown on its own it is shown with this path. The province is left out unless asked for:
 * every area here is in it.
 */
export async function ancestorPaths(
  db: Kysely<DB>,
  codes: readonly string[],
  options: { withProvince?: boolean } = {},
): Promise<Map<string, string[]>> {
  const ancestorsOf = (code: string) =>
    ancestorCodes(code)
      .filter((c) => options.withProvince || levelOfCode(c) !== 'province')
      .reverse();
  const wanted = new Set(codes.flatMap(ancestorsOf));
  const names = new Map((await findAreasByCode(db, [...wanted])).map((a) => [a.code, a.name]));
  return new Map(codes.map((code) => [code, ancestorsOf(code).map((c) => names.get(c) ?? c)]));
}

export async function validateCodes(db: Kysely<DB>, codes: string[]): Promise<CodeVerdict[]> {
  const trimmed = codes.map((c) => c.trim());
  const wellFormed = [...new Set(trimmed.filter(isWellFormedAreaCode))];
  const found = new Map((await findAreasByCode(db, wellFormed)).map((a) => [a.code, a]));
  return trimmed.map((code) => {
    if (!isWellFormedAreaCode(code)) return { code, status: 'malformed', area: null, successorCodes: [] };
    const area = found.get(code);
    if (!area) return { code, status: 'unknown', area: null, successorCodes: [] };
    return {
      code,
      status: area.valid_to ? 'retired' : 'valid',
      area: presentAreaSummary(area),
      successorCodes: area.successor_codes ?? [],
    };
  });
}

const CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  province: 'regency',
  regency: 'district',
  district: 'village',
  village: null,
};

export function childLevelOf(code: string): AreaLevel | null {
  return CHILD_LEVEL[levelOfCode(code)];
}

/**
 * GeoJSON per level, cached in process by boundary version: polygons change only on
 * import, and building 1,166 village features per request would waste the one
 * embedded connection.
 */
const boundaryCaches = new WeakMap<Kysely<DB>, Map<string, BoundaryCollection>>();
const BOUNDARY_CACHE_MAX = 300;

export async function boundaryCollection(
  db: Kysely<DB>,
  level: AreaLevel,
  within: string | undefined,
): Promise<BoundaryCollection> {
  if (within) await requireArea(db, within);
  const version = await boundaryVersion(db);
  const key = `${version}|${level}|${within ?? ''}`;
  let boundaryCache = boundaryCaches.get(db);
  if (!boundaryCache) {
    boundaryCache = new Map();
    boundaryCaches.set(db, boundaryCache);
  }
  const cached = boundaryCache.get(key);
  if (cached) return cached;
  const rows = await boundariesFor(db, level, within);
  const paths = await ancestorPaths(
    db,
    rows.map((r) => r.code),
  );
  const result: BoundaryCollection = {
    type: 'FeatureCollection',
    features: rows
      .filter((r) => r.geometry !== null)
      .map((r) => ({
        type: 'Feature' as const,
        id: r.code,
        properties: { code: r.code, name: r.name, kind: r.kind, ancestors: paths.get(r.code) ?? [] },
        geometry: r.geometry as BoundaryCollection['features'][number]['geometry'],
      })),
    missing: rows
      .filter((r) => r.geometry === null)
      .map((r) => ({ ...presentAreaSummary(r), ancestors: paths.get(r.code) ?? [] })),
  };
  if (boundaryCache.size >= BOUNDARY_CACHE_MAX) boundaryCache.clear();
  boundaryCache.set(key, result);
  return result;
}
