/**
 * Plans the synthetic NTB-scale dataset in memory: organisations, programs and
 * partnerships with every id, key, date and amount decided, from the areas of the
 * province and a seed alone. No clock, no database: the same areas and seed give the
 * same plan, byte for byte. ntb-scale.ts writes it; docs/synthetic-data.md explains
 * the volumes and distributions.
 *
 * The planners live in plan/, one file each (geography, organisations, programs,
 * partnerships), over shared shapes (plan/types.ts) and helpers (plan/helpers.ts). Each
 * draws from its own random stream, so they run in this order and nothing else couples them.
 */
import { buildGeography } from './plan/geography.ts';
import { planOrganisations } from './plan/organisations.ts';
import { planPartnerships } from './plan/partnerships.ts';
import { planPrograms } from './plan/programs.ts';
import { type AreaRow, DEFAULT_SEED, type GenerationScale, type NtbScalePlan } from './plan/types.ts';

export * from './plan/types.ts';

/** The whole dataset for a seed, computed in memory. */
export function planNtbScale(
  areas: readonly AreaRow[],
  options: { scale: GenerationScale; seed?: number | undefined },
): NtbScalePlan {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to ${0xffffffff} (got ${seed})`);
  }
  const geo = buildGeography(areas, seed);
  const organisations = planOrganisations(geo, options.scale, seed);
  const programs = planPrograms(geo, organisations, options.scale, seed);
  const partnerships = planPartnerships(geo, organisations, programs, options.scale, seed);
  return { scale: options.scale, seed, organisations, programs, partnerships };
}
