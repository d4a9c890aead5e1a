/**
 * The deterministic NTB-scale synthetic dataset (issue 4, item 5): ~600 organisations,
 * ~12,000 programs over 2025–2030 across the 1,166 villages, more of them where
 * poverty is higher, and ~400 partnerships with renewals — or a small slice of the
 * same for the demo. ntb-scale-plan.ts decides every row from the seed; this file
 * writes the plan in one transaction with multi-row inserts, refreshes the
 * who-does-what-where facts of the new programs, and records one audit entry.
 * docs/synthetic-data.md describes volumes, distributions and how to run it.
 */
import { type InsertObject, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { recordAudit, SYSTEM_CONTEXT } from '../audit/record-audit.ts';
import {
  analyzeProgramTables,
  deferFigures,
  rebuildFigures,
  refreshProgramFacts,
} from '../programs/facts.ts';
import { POVERTY_SOURCE, REFERENCE_DATE } from './ntb-scale-data.ts';
import {
  DEFAULT_SEED,
  GENERATED_KEY_PREFIX,
  GENERATION_SCALES,
  type GenerationScale,
  type NtbScalePlan,
  planNtbScale,
} from './ntb-scale-plan.ts';

export { DEFAULT_SEED, GENERATION_SCALES, type GenerationScale, SCALE_SIZES } from './ntb-scale-plan.ts';

export interface GenerationProgress {
  step: string;
  done: number;
  total: number;
}

export interface GenerationCounts {
  organisations: number;
  organisationIssues: number;
  organisationCoverage: number;
  programs: number;
  programIssues: number;
  programVillages: number;
  programPartners: number;
  partnerships: number;
  renewals: number;
  partnershipParties: number;
  partnershipPrograms: number;
}

/** What app_meta records about the generated data present in the database. */
export interface GeneratedDataInfo {
  scale: GenerationScale | 'unknown';
  seed: number | null;
  referenceDate?: string;
  counts?: GenerationCounts;
  generatedAt?: string;
}

export interface GenerateOptions {
  scale: GenerationScale;
  seed?: number | undefined;
  /**
   * When generated data is already present:
   * - `keep` leaves it as it is (the demo seed on every start);
   * - `upgrade` (default) does nothing when the same scale and seed are loaded, replaces a
   *   smaller scale by a larger one (demo → ntb → ntb4), and refuses anything else;
   * - `replace` removes it and generates anew.
   */
  existing?: 'keep' | 'upgrade' | 'replace' | undefined;
  onProgress?: ((progress: GenerationProgress) => void) | undefined;
}

export interface GenerationResult {
  outcome: 'generated' | 'kept';
  scale: GenerationScale;
  seed: number;
  counts: GenerationCounts | null;
  /** What was there before and removed (upgrade or replace), if anything. */
  replaced: GeneratedDataInfo | null;
  /** Present but left alone (`keep`, or the same scale and seed). */
  present: GeneratedDataInfo | null;
}

/** Generated data is present and the request would change it: the caller must ask for --replace. */
export class GeneratedDataPresentError extends Error {}

const META_KEY = 'generated_data';

/** The generated dataset in the database: from app_meta, or "unknown" if only the rows are there. */
export async function generatedDataIn(db: Kysely<DB>): Promise<GeneratedDataInfo | null> {
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (meta?.value) return meta.value as GeneratedDataInfo;
  const rows = await db
    .selectFrom('organisations')
    .select(db.fn.countAll<number>().as('n'))
    .where('key', 'like', `${GENERATED_KEY_PREFIX.organisation}%`)
    .executeTakeFirstOrThrow();
  return rows.n > 0 ? { scale: 'unknown', seed: null } : null;
}

const describe = (info: GeneratedDataInfo) =>
  info.scale === 'unknown'
    ? 'generated data of unknown scale'
    : `the ${info.scale}-scale generated data (seed ${info.seed})`;

/**
 * Rows per INSERT: under PostgreSQL's 65,535 bind parameters with room to spare, and
 * short enough statements that the embedded engine answers other work in between.
 */
function chunkSize(columns: number): number {
  return Math.max(100, Math.min(5_000, Math.floor(24_000 / columns)));
}

async function insertChunked<T extends keyof DB & string>(
  trx: Kysely<DB>,
  table: T,
  rows: ReadonlyArray<InsertObject<DB, T>>,
  step: string,
  onProgress: GenerateOptions['onProgress'],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const size = chunkSize(Object.keys(first).length);
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as InsertObject<DB, T>[])
      .execute();
    onProgress?.({ step, done: Math.min(rows.length, i + size), total: rows.length });
  }
  return rows.length;
}

/** 08:00 WITA on the given day: generated rows carry their own history, not the load time. */
const timestamp = (date: string) => new Date(`${date}T08:00:00+08:00`);

async function writePlan(
  trx: Kysely<DB>,
  plan: NtbScalePlan,
  onProgress: GenerateOptions['onProgress'],
): Promise<GenerationCounts> {
  const orgId = (index: number) => {
    const org = plan.organisations[index];
    if (!org) throw new Error(`organisation ${index} missing from the plan`);
    return org.id;
  };
  const programId = (index: number) => {
    const program = plan.programs[index];
    if (!program) throw new Error(`program ${index} missing from the plan`);
    return program.id;
  };
  const partnershipId = (index: number) => {
    const partnership = plan.partnerships[index];
    if (!partnership) throw new Error(`partnership ${index} missing from the plan`);
    return partnership.id;
  };

  const counts: GenerationCounts = {
    organisations: await insertChunked(
      trx,
      'organisations',
      plan.organisations.map((o) => ({
        id: o.id,
        key: o.key,
        legal_name: o.legalName,
        short_name: o.shortName,
        name_search: o.nameSearch,
        type: o.type,
        level: o.level,
        parent_id: o.parentIndex === null ? null : orgId(o.parentIndex),
        area_code: o.areaCode,
        website: o.website,
        description: o.description,
        offers: o.offers,
        contacts: '[]',
        verification_status: o.verified ? ('verified' as const) : ('unverified' as const),
        created_at: timestamp(o.createdAt),
        updated_at: timestamp(o.createdAt),
      })),
      'organisations',
      onProgress,
    ),
    organisationIssues: await insertChunked(
      trx,
      'organisation_issues',
      plan.organisations.flatMap((o) =>
        o.issues.map((issue_code) => ({ organisation_id: o.id, issue_code })),
      ),
      'organisation issues',
      onProgress,
    ),
    organisationCoverage: await insertChunked(
      trx,
      'organisation_coverage',
      plan.organisations.flatMap((o) =>
        o.coverage.map((area_code) => ({ organisation_id: o.id, area_code })),
      ),
      'organisation coverage',
      onProgress,
    ),
    programs: await insertChunked(
      trx,
      'programs',
      plan.programs.map((p) => ({
        id: p.id,
        key: p.key,
        owner_org_id: orgId(p.ownerIndex),
        title: p.title,
        description: p.description,
        status: p.status,
        planned_at: p.plannedAt,
        started_at: p.startedAt,
        completed_at: p.completedAt,
        cancelled_at: p.cancelledAt,
        period_start: p.periodStart,
        period_end: p.periodEnd,
        budget_planned: p.budgetPlanned,
        budget_realised: p.budgetRealised,
        modality: p.modality,
        target_households: p.targetHouseholds,
        target_persons: p.targetPersons,
        reached_households: p.reachedHouseholds,
        reached_persons: p.reachedPersons,
        source: 'generator' as const,
        created_at: timestamp(p.createdAt),
        updated_at: timestamp(p.createdAt),
      })),
      'programs',
      onProgress,
    ),
    programIssues: await insertChunked(
      trx,
      'program_issues',
      plan.programs.flatMap((p) => p.issues.map((issue_code) => ({ program_id: p.id, issue_code }))),
      'program issues',
      onProgress,
    ),
    programVillages: await insertChunked(
      trx,
      'program_villages',
      plan.programs.flatMap((p) =>
        p.villages.map((v) => ({
          program_id: p.id,
          village_code: v.code,
          target_households: v.targetHouseholds,
          target_persons: v.targetPersons,
        })),
      ),
      'program villages',
      onProgress,
    ),
    programPartners: await insertChunked(
      trx,
      'program_partners',
      plan.programs.flatMap((p) =>
        p.partners.map((partner) => ({
          program_id: p.id,
          organisation_id: orgId(partner.orgIndex),
          role: partner.role,
          contribution_money: partner.money,
          contribution_in_kind: partner.inKind,
        })),
      ),
      'program partners',
      onProgress,
    ),
    partnerships: await insertChunked(
      trx,
      'partnerships',
      plan.partnerships.map((k) => ({
        id: k.id,
        key: k.key,
        title: k.title,
        description: k.description,
        agreement_type: k.agreementType,
        agreement_number: k.agreementNumber,
        status: k.status,
        signed_on: k.signedOn,
        starts_on: k.startsOn,
        ends_on: k.endsOn,
        terminated_on: k.terminatedOn,
        renews_id: k.renewsIndex === null ? null : partnershipId(k.renewsIndex),
        created_by_org_id: orgId(k.leadIndex),
        source: 'generator' as const,
        created_at: timestamp(k.createdAt),
        updated_at: timestamp(k.createdAt),
      })),
      'partnerships',
      onProgress,
    ),
    renewals: plan.partnerships.filter((k) => k.renewsIndex !== null).length,
    partnershipParties: await insertChunked(
      trx,
      'partnership_parties',
      plan.partnerships.flatMap((k) =>
        k.parties.map((party) => ({
          partnership_id: k.id,
          organisation_id: orgId(party.orgIndex),
          role: party.role,
          commitment_money: party.money,
          commitment_in_kind: party.inKind,
          commitment_expertise: party.expertise,
          commitment_months: party.months,
          // Generated agreements stand for ones every party signed.
          confirmation: 'confirmed' as const,
        })),
      ),
      'partnership parties',
      onProgress,
    ),
    partnershipPrograms: await insertChunked(
      trx,
      'partnership_programs',
      plan.partnerships.flatMap((k) =>
        k.programIndices.map((i) => ({ partnership_id: k.id, program_id: programId(i) })),
      ),
      'partnership programs',
      onProgress,
    ),
  };
  return counts;
}

/**
 * Removes every generated row, children first. Rows people entered that point at a
 * generated organisation (a membership, a partner role) stop the removal: the whole
 * transaction rolls back and the message says why.
 */
async function removeGenerated(trx: Kysely<DB>): Promise<void> {
  try {
    await trx
      .deleteFrom('partnerships')
      .where('key', 'like', `${GENERATED_KEY_PREFIX.partnership}%`)
      .where('source', '=', 'generator')
      .execute();
    await trx
      .deleteFrom('programs')
      .where('key', 'like', `${GENERATED_KEY_PREFIX.program}%`)
      .where('source', '=', 'generator')
      .execute();
    await trx
      .deleteFrom('organisations')
      .where('key', 'like', `${GENERATED_KEY_PREFIX.organisation}%`)
      .execute();
  } catch (error) {
    if ((error as { code?: string }).code === '23503') {
      throw new GeneratedDataPresentError(
        `generated data cannot be removed: rows entered by people refer to it (${(error as Error).message}); nothing was changed`,
      );
    }
    throw error;
  }
  await trx.deleteFrom('app_meta').where('key', '=', META_KEY).execute();
}

/** Programs per fact refresh: bounds the fact rows held in memory at once. */
const FACTS_CHUNK = 500;

/**
 * Generates the synthetic dataset for a scale and seed. Runs in the caller's
 * transaction when given one (the demo seed), otherwise in its own: either the whole
 * dataset with its facts and audit entry is written, or nothing.
 */
export async function generateNtbScale(db: Kysely<DB>, options: GenerateOptions): Promise<GenerationResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const mode = options.existing ?? 'upgrade';
  const work = async (trx: Kysely<DB>): Promise<GenerationResult> => {
    const present = await generatedDataIn(trx);
    let replaced: GeneratedDataInfo | null = null;
    if (present) {
      const same = present.scale === options.scale && present.seed === seed;
      // A smaller scale gives way to a larger one (demo → ntb → ntb4) without --replace;
      // data of unknown scale never does.
      const upgrade =
        present.scale !== 'unknown' &&
        GENERATION_SCALES.indexOf(present.scale) < GENERATION_SCALES.indexOf(options.scale);
      if (mode === 'keep' || (mode === 'upgrade' && same)) {
        return { outcome: 'kept', scale: options.scale, seed, counts: null, replaced: null, present };
      }
      if (mode === 'upgrade' && !upgrade) {
        throw new GeneratedDataPresentError(
          `${describe(present)} is already loaded; pass --replace to remove it and generate the ${options.scale} scale with seed ${seed}`,
        );
      }
      options.onProgress?.({ step: `removing ${describe(present)}`, done: 0, total: 1 });
      await deferFigures(trx);
      await removeGenerated(trx);
      replaced = present;
    }

    options.onProgress?.({ step: `planning the ${options.scale} scale (seed ${seed})`, done: 0, total: 1 });
    const areas = await trx
      .selectFrom('areas')
      .select(['code', 'name', 'level', 'kind'])
      .where('code', 'like', '52.%')
      .where('level', 'in', ['regency', 'district', 'village'])
      .where('valid_to', 'is', null)
      .orderBy('code')
      .execute();
    const plan = planNtbScale(areas, { scale: options.scale, seed });
    // The figures are summed once at the end, not row by row for every generated program.
    await deferFigures(trx);
    const counts = await writePlan(trx, plan, options.onProgress);

    const ids = plan.programs.map((p) => p.id);
    for (let i = 0; i < ids.length; i += FACTS_CHUNK) {
      await refreshProgramFacts(trx, ids.slice(i, i + FACTS_CHUNK));
      options.onProgress?.({
        step: 'who-does-what-where facts',
        done: Math.min(ids.length, i + FACTS_CHUNK),
        total: ids.length,
      });
    }
    await rebuildFigures(trx);
    await analyzeProgramTables(trx);

    const info: GeneratedDataInfo = {
      scale: options.scale,
      seed,
      referenceDate: REFERENCE_DATE,
      counts,
      generatedAt: new Date().toISOString(),
    };
    // One entry for the whole generation; the rows themselves carry source = 'generator'.
    await recordAudit(trx, SYSTEM_CONTEXT, {
      // 'import' like the rest of the demo data, so the audit list (a closed set of actions) shows it.
      action: 'import',
      entityType: 'demo',
      entityId: `${options.scale}:${seed}`,
      ...(replaced ? { before: replaced } : {}),
      after: {
        scale: options.scale,
        seed,
        referenceDate: REFERENCE_DATE,
        povertySource: POVERTY_SOURCE,
        counts,
      },
    });
    await trx
      .insertInto('app_meta')
      .values({ key: META_KEY, value: JSON.stringify(info) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(info), updated_at: sql`now()` }),
      )
      .execute();
    return { outcome: 'generated', scale: options.scale, seed, counts, replaced, present: null };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
