/**
 * The demo data mechanism. `npm start` on an empty database calls `ensureBaseData`
 * (areas of NTB, boundaries when the shared files are present, then the demo
 * dataset when DEMO_DATA is on); `simpul seed` reloads the demo dataset. Later
 * modules add their entities to DEMO_STEPS, at demo scale.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { importBoundaries, parseBoundaryFile } from '../areas/import-boundaries.ts';
import { loadProvinceAreas } from '../areas/load-areas.ts';
import { recordAudit, SYSTEM_CONTEXT } from '../audit/record-audit.ts';
import { writeLinks } from '../organisations/queries.ts';
import { columnsOf } from '../organisations/service.ts';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './ntb-organisations.ts';
import { type GenerateOptions, generateNtbScale } from './ntb-scale.ts';
import { NTB_DEMO_STATISTICS } from './ntb-statistics.ts';

export const DEMO_PROVINCE = '52';

type Log = (message: string) => void;

interface DemoContext {
  log: Log;
  /** Which synthetic dataset the last step generates: the demo slice unless the CLI asks for more. */
  generated: GenerateOptions;
}

interface DemoStep {
  name: string;
  /** Removes this step's demo rows; runs in reverse order before a reload (steps that upsert need none). */
  clear?(db: Kysely<DB>): Promise<void>;
  load(db: Kysely<DB>, context: DemoContext): Promise<number>;
}

/** Upserts the demo organisations by key, so a reload updates them in place. */
async function loadDemoOrganisations(db: Kysely<DB>): Promise<number> {
  const ids = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) {
    const { id } = await db
      .insertInto('organisations')
      .values({
        key: org.key,
        ...columnsOf(org),
        verification_status: org.verified ? 'verified' : 'unverified',
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ ...columnsOf(org), verification_status: org.verified ? 'verified' : 'unverified' }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(org.key, id);
    await writeLinks(db, id, org);
  }
  for (const org of DEMO_ORGANISATIONS) {
    if (org.parentKey) {
      await db
        .updateTable('organisations')
        .set({ parent_id: ids.get(org.parentKey) ?? null })
        .where('key', '=', org.key)
        .execute();
    }
  }
  return DEMO_ORGANISATIONS.length;
}

/** One account per role with the documented demo password; memberships are reset on reload. */
async function loadDemoUsers(db: Kysely<DB>): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const { id } = await db
      .insertInto('users')
      .values({ email: user.email, name: user.name, password_hash: passwordHash })
      .onConflict((oc) =>
        oc.column('email').doUpdateSet({
          name: user.name,
          password_hash: passwordHash,
          active: true,
          must_change_password: false,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const org = await db
      .selectFrom('organisations')
      .select('id')
      .where('key', '=', user.organisationKey)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('memberships').where('user_id', '=', id).execute();
    await db
      .insertInto('memberships')
      .values({ user_id: id, organisation_id: org.id, role: user.role, area_scope: user.areaScope })
      .execute();
  }
  return DEMO_USERS.length;
}

const DEMO_STEPS: DemoStep[] = [
  { name: 'organisations', load: loadDemoOrganisations },
  { name: 'users', load: loadDemoUsers },
  {
    name: 'area statistics',
    clear: async (db) => {
      const sources = [...new Set(NTB_DEMO_STATISTICS.map((s) => s.source))];
      await db.deleteFrom('area_statistics').where('source', 'in', sources).execute();
    },
    load: async (db) => {
      await db
        .insertInto('area_statistics')
        .values(
          NTB_DEMO_STATISTICS.map((s) => ({
            area_code: s.areaCode,
            indicator: s.indicator,
            year: s.year,
            value: s.value,
            unit: s.unit,
            source: s.source,
          })),
        )
        .execute();
      return NTB_DEMO_STATISTICS.length;
    },
  },
  {
    // Synthetic organisations, programs and partnerships (ntb-scale.ts), so the map and
    // dashboard have something to show. Generated data already present is kept (no
    // clear step): a reload never throws away an NTB-scale set loaded on purpose.
    name: 'generated programs',
    load: async (db, { log, generated }) => {
      const started = performance.now();
      const result = await generateNtbScale(db, generated);
      if (result.outcome === 'kept') {
        const present = result.present;
        log(
          `demo: generated data already present (${present?.scale ?? 'unknown'} scale, seed ${present?.seed ?? '?'}); kept`,
        );
        return 0;
      }
      const c = result.counts;
      log(
        `demo: generated the ${result.scale} scale (seed ${result.seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${c?.organisations} organisations, ${c?.programs} programs in ${c?.programVillages} village links, ` +
          `${c?.partnerships} partnerships (${c?.renewals} renewals)`,
      );
      return c?.programs ?? 0;
    },
  },
];

/** Boundary files in a folder (or the one file given), in level order so logs read naturally. */
export function boundaryFiles(boundariesPath: string): string[] {
  if (statSync(boundariesPath).isFile()) return [boundariesPath];
  const rank = (f: string) =>
    f.includes('regenc') ? 0 : f.includes('district') ? 1 : f.includes('village') ? 2 : 3;
  return readdirSync(boundariesPath)
    .filter((f) => /\.(topo\.json|topojson|geojson|json)$/i.test(f))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((f) => path.join(boundariesPath, f));
}

export async function importBoundaryFiles(db: Kysely<DB>, boundariesPath: string, log: Log): Promise<number> {
  let total = 0;
  for (const file of boundaryFiles(boundariesPath)) {
    const outcome = await importBoundaries(
      db,
      parseBoundaryFile(readFileSync(file, 'utf8')),
      path.basename(file),
      SYSTEM_CONTEXT,
    );
    log(`boundaries: ${path.basename(file)} → ${outcome.imported} polygons`);
    total += outcome.imported;
  }
  return total;
}

async function getMeta(db: Kysely<DB>, key: string): Promise<unknown> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

async function setMeta(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('app_meta')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }),
    )
    .execute();
}

/**
 * Replaces the demo dataset in one transaction: a failed reload leaves the old one.
 * `generated` picks the synthetic dataset (default: the demo slice, keeping whatever
 * generated data is already there).
 */
export async function loadDemoData(
  db: Kysely<DB>,
  log: Log,
  options: { generated?: GenerateOptions } = {},
): Promise<void> {
  const context: DemoContext = { log, generated: options.generated ?? { scale: 'demo', existing: 'keep' } };
  await db.transaction().execute(async (trx) => {
    for (const step of [...DEMO_STEPS].reverse()) await step.clear?.(trx);
    const counts: Record<string, number> = {};
    for (const step of DEMO_STEPS) {
      counts[step.name] = await step.load(trx, context);
      log(`demo: ${step.name} → ${counts[step.name]} rows`);
    }
    // One audit entry for the whole load: the demo data did not come from any user.
    await recordAudit(trx, SYSTEM_CONTEXT, {
      action: 'import',
      entityType: 'demo',
      entityId: null,
      after: counts,
    });
    await setMeta(trx, 'demo', { loadedAt: new Date().toISOString(), steps: DEMO_STEPS.map((s) => s.name) });
  });
}

export interface BaseDataOptions {
  demoData: boolean;
  boundariesPath: string | null;
  log: Log;
}

/**
 * Fills an empty database: reference areas always (they are not demo data), the
 * boundaries when a file or folder is configured and none are loaded yet, and the
 * demo dataset once, when enabled. Safe to call on every start.
 */
export async function ensureBaseData(db: Kysely<DB>, options: BaseDataOptions): Promise<void> {
  const areaCount = await db
    .selectFrom('areas')
    .select(db.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (areaCount.n === 0) {
    const result = await loadProvinceAreas(db, DEMO_PROVINCE);
    options.log(`areas: loaded province ${DEMO_PROVINCE} (${JSON.stringify(result.byLevel)})`);
  }
  if (options.boundariesPath && existsSync(options.boundariesPath)) {
    const boundaryCount = await db
      .selectFrom('area_boundaries')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (boundaryCount.n === 0) await importBoundaryFiles(db, options.boundariesPath, options.log);
  }
  if (options.demoData && (await getMeta(db, 'demo')) === null) {
    await loadDemoData(db, options.log);
  }
}
