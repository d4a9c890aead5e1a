import { z } from 'zod';
import { AREA_KINDS, AREA_LEVELS } from '../area-code.ts';
import { areaCodeParam, pageOf, pagingQuery } from './common.ts';

export const areaLevel = z.enum(AREA_LEVELS);
export const areaKind = z.enum(AREA_KINDS);

export const areaSummary = z.object({
  code: z.string().describe('Kemendagri code, also the materialised path'),
  name: z.string(),
  level: areaLevel,
  kind: areaKind.describe('province, kabupaten/kota, kecamatan, desa/kelurahan'),
  parentCode: z.string().nullable(),
});
export type AreaSummary = z.infer<typeof areaSummary>;

export const area = areaSummary.extend({
  bpsCode: z.string().nullable().describe('BPS code; never join BPS statistics on the Kemendagri code'),
  validFrom: z.string().nullable().describe('ISO date the code took effect'),
  validTo: z.string().nullable().describe('ISO date the code was retired (null = in force)'),
  successorCodes: z.array(z.string()).describe('Codes that replaced this one after a split or merge'),
  hasBoundary: z.boolean(),
  villageCount: z
    .number()
    .int()
    .nullable()
    .describe('Desa/kelurahan in force under this area; null for a village'),
  centroid: z.tuple([z.number(), z.number()]).nullable().describe('[lng, lat] of the boundary, when loaded'),
});
export type Area = z.infer<typeof area>;

export const levelCount = z.object({ level: areaLevel, kind: areaKind, count: z.number().int() });

export const areaStatistic = z.object({
  indicator: z.string(),
  year: z.number().int(),
  value: z.number(),
  unit: z.string(),
  source: z.string(),
});
export type AreaStatistic = z.infer<typeof areaStatistic>;

export const areaDetail = area.extend({
  ancestors: z.array(areaSummary).describe('From the province down to the parent'),
  descendantCounts: z.array(levelCount).describe('Areas under this one, by level and kind'),
  statistics: z.array(areaStatistic),
});
export type AreaDetail = z.infer<typeof areaDetail>;

export const listAreasQuery = z
  .object({
    ...pagingQuery,
    within: areaCodeParam.optional().describe('Only areas under this code (any depth)'),
    level: areaLevel.optional(),
    kind: areaKind.optional(),
    includeRetired: z.stringbool().default(false),
  })
  .strict();
export const areaPage = pageOf(area);

export const childrenQuery = z
  .object({ ...pagingQuery, kind: areaKind.optional(), includeRetired: z.stringbool().default(false) })
  .strict();

export const codeParams = z.object({ code: z.string().max(40) }).strict();

export const searchAreasQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .describe('Name or part of it; case, accents and small typos are tolerated'),
    within: areaCodeParam.optional(),
    level: areaLevel.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const searchHit = areaSummary.extend({
  path: z
    .string()
    .describe('Ancestor names, nearest first, e.g. "Keruak, Kabupaten Lombok Timur, Nusa Tenggara Barat"'),
  score: z.number().describe('0–1, higher is closer'),
});
export const searchResult = z.object({ items: z.array(searchHit) });
export type SearchHit = z.infer<typeof searchHit>;

export const validateCodesBody = z.object({ codes: z.array(z.string().max(40)).min(1).max(5000) }).strict();
export const codeVerdict = z.object({
  code: z.string(),
  status: z.enum(['valid', 'malformed', 'unknown', 'retired']),
  area: areaSummary.nullable(),
  successorCodes: z.array(z.string()),
});
export const validateCodesResult = z.object({
  items: z.array(codeVerdict),
  counts: z.object({ valid: z.number(), malformed: z.number(), unknown: z.number(), retired: z.number() }),
});
export type CodeVerdict = z.infer<typeof codeVerdict>;

export const boundaryQuery = z
  .object({
    level: areaLevel.exclude(['province']).describe('Which level of polygons to return'),
    within: areaCodeParam.optional().describe('Only polygons under this area'),
  })
  .strict();

/** Names of an area's ancestors below the province, nearest first: village names repeat across NTB. */
export const ancestorNames = z
  .array(z.string())
  .describe('Names of the ancestors below the province, nearest first: ["Keruak", "Kabupaten Lombok Timur"]');

/** GeoJSON FeatureCollection; `missing` lists areas of that level with no polygon so a map can still show them. */
export const boundaryCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({ code: z.string(), name: z.string(), kind: areaKind, ancestors: ancestorNames }),
      geometry: z.object({ type: z.string(), coordinates: z.array(z.any()) }),
    }),
  ),
  missing: z.array(areaSummary.extend({ ancestors: ancestorNames })),
});
export type BoundaryCollection = z.infer<typeof boundaryCollection>;

export const boundaryStatus = z.object({
  levels: z.array(z.object({ level: areaLevel, areas: z.number().int(), withBoundary: z.number().int() })),
  lastImportedAt: z.string().nullable(),
});
export type BoundaryStatus = z.infer<typeof boundaryStatus>;

export const boundaryImportResult = z.object({
  imported: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
});
export type BoundaryImportResult = z.infer<typeof boundaryImportResult>;

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    status: z.enum(['up', 'down']),
    /** Engine, server version and latency: for platform administrators (and ADMIN_TOKEN) only. */
    engine: z.enum(['pglite', 'postgresql']).optional(),
    serverVersion: z.string().nullable().optional(),
    latencyMs: z.number().nullable().optional(),
  }),
  jobs: z.object({ status: z.enum(['up', 'down']) }),
});
export type HealthResponse = z.infer<typeof healthResponse>;
