/**
 * SQL for organisations. Visibility is part of every read: anonymous visitors see
 * verified organisations only; area-scoped users see organisations seated or active
 * (coverage) inside their areas. What is outside is never selected.
 */
import { type ExpressionBuilder, type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { ListOrganisationsQuery } from '../../../shared/contracts/organisations.ts';
import type { DB } from '../../db/types.ts';
import type { Paging } from '../../paging.ts';
import { type Actor, readScopes } from '../../policies/actor.ts';
import { areaScopeFilter, escapeLike } from '../../policies/scope-filter.ts';

const likePrefix = (code: string) => `${escapeLike(code)}.%`;

/** The visibility rule as a WHERE clause on `organisations as o`. */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { o: DB['organisations'] }, 'o'>) => {
    if (actor.kind === 'anonymous') return eb('o.verification_status', '=', 'verified');
    const scopes = readScopes(actor);
    if (scopes === null) return sql<boolean>`true`;
    return eb.or([
      areaScopeFilter(eb, 'o.area_code', scopes),
      eb.exists(
        eb
          .selectFrom('organisation_coverage as c')
          .select(sql`1`.as('one'))
          .whereRef('c.organisation_id', '=', 'o.id')
          .where((inner) => areaScopeFilter(inner, 'c.area_code', scopes)),
      ),
    ]);
  };
}

export interface OrganisationRow {
  id: string;
  key: string;
  legal_name: string;
  short_name: string | null;
  type: DB['organisations']['type'];
  level: 'province' | 'regency' | null;
  parent_id: string | null;
  area_code: string;
  area_name: string;
  address: string | null;
  website: string | null;
  description: string | null;
  offers: string[];
  contacts: unknown;
  verification_status: 'unverified' | 'verified' | 'rejected';
  registered_by_org_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  issues: string[];
}

function selectOrganisations(db: Kysely<DB>) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select([
      'o.id',
      'o.key',
      'o.legal_name',
      'o.short_name',
      'o.type',
      'o.level',
      'o.parent_id',
      'o.area_code',
      'a.name as area_name',
      'o.address',
      'o.website',
      'o.description',
      'o.offers',
      'o.contacts',
      'o.verification_status',
      'o.registered_by_org_id',
      'o.version',
      'o.created_at',
      'o.updated_at',
      sql<
        string[]
      >`coalesce((select array_agg(i.issue_code order by i.issue_code) from organisation_issues i where i.organisation_id = o.id), '{}')`.as(
        'issues',
      ),
    ]);
}

export async function findVisibleOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<OrganisationRow | undefined> {
  return (await selectOrganisations(db).where('o.id', '=', id).where(visibleTo(actor)).executeTakeFirst()) as
    | OrganisationRow
    | undefined;
}

/** The directory filters (everything in the list query except paging). */
export type OrganisationFilter = Omit<ListOrganisationsQuery, 'limit' | 'offset'>;

/** Organisations the actor sees that match the directory filters, as `organisations as o`. */
function filteredOrganisations(db: Kysely<DB>, actor: Actor, filter: OrganisationFilter) {
  let base = db.selectFrom('organisations as o').where(visibleTo(actor));
  if (filter.type) base = base.where('o.type', '=', filter.type);
  if (filter.verification) base = base.where('o.verification_status', '=', filter.verification);
  if (filter.offer) base = base.where(sql<boolean>`${filter.offer} = any(o.offers)`);
  if (filter.issue) {
    const issue = filter.issue;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organisation_issues as i')
          .select(sql`1`.as('one'))
          .whereRef('i.organisation_id', '=', 'o.id')
          .where('i.issue_code', '=', issue),
      ),
    );
  }
  if (filter.area) {
    const area = filter.area;
    // Seated in the area, or covering it: a coverage at or below the area, or an ancestor of it.
    base = base.where((eb) =>
      eb.or([
        eb('o.area_code', '=', area),
        eb('o.area_code', 'like', likePrefix(area)),
        eb.exists(
          eb
            .selectFrom('organisation_coverage as c')
            .select(sql`1`.as('one'))
            .whereRef('c.organisation_id', '=', 'o.id')
            .where((inner) =>
              inner.or([
                inner('c.area_code', '=', area),
                inner('c.area_code', 'like', likePrefix(area)),
                sql<boolean>`${area} like c.area_code || '.%'`,
              ]),
            ),
        ),
      ]),
    );
  }
  if (filter.q) {
    const q = filter.q.toLowerCase();
    const like = `%${escapeLike(q)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('o.name_search', 'like', like),
        sql<boolean>`lower(coalesce(o.short_name, '')) like ${like}`,
        sql<boolean>`o.name_search % ${q}`,
      ]),
    );
  }
  return base;
}

/**
 * The ids of the organisations the actor sees that match the directory filters, as a
 * subquery: the list, the export and anything else that must show the same set use it.
 */
export function filteredOrganisationIds(db: Kysely<DB>, actor: Actor, filter: OrganisationFilter) {
  return filteredOrganisations(db, actor, filter).select('o.id');
}

export async function listVisibleOrganisations(
  db: Kysely<DB>,
  actor: Actor,
  filter: OrganisationFilter,
  paging: Paging,
): Promise<{ rows: OrganisationRow[]; total: number }> {
  const base = filteredOrganisations(db, actor, filter);
  const ids = base.select('o.id');
  const [rows, total] = await Promise.all([
    selectOrganisations(db)
      .where('o.id', 'in', ids)
      .orderBy(
        filter.sort === 'updated' ? 'o.updated_at' : 'o.legal_name',
        filter.sort === 'updated' ? 'desc' : 'asc',
      )
      .orderBy('o.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as OrganisationRow[], total: total.n };
}

export async function coverageOf(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom('organisation_coverage as c')
    .innerJoin('areas as a', 'a.code', 'c.area_code')
    .select(['a.code', 'a.name', 'a.level'])
    .where('c.organisation_id', '=', organisationId)
    .orderBy('a.code')
    .execute();
}

export async function similarOrganisations(db: Kysely<DB>, actor: Actor, normalizedName: string, limit = 5) {
  const rows = await selectOrganisations(db)
    .select(sql<number>`similarity(o.name_search, ${normalizedName})::float8`.as('similarity'))
    .where(visibleTo(actor))
    .where(sql<boolean>`(o.name_search % ${normalizedName} or o.name_search = ${normalizedName})`)
    .orderBy('similarity', 'desc')
    .limit(limit)
    .execute();
  // A 0.5 trigram similarity is where "Yayasan Peduli Anak NTB" meets "Yayasan Peduli Anak Nusa Tenggara Barat".
  return (rows as Array<OrganisationRow & { similarity: number }>).filter((r) => r.similarity >= 0.5);
}

/** An organisation with everything a spreadsheet row holds: its parent's key and its coverage codes. */
export interface OrganisationSheetRow extends OrganisationRow {
  parent_key: string | null;
  coverage: string[];
}

/**
 * Organisations with their parent's key and coverage codes, for the import/export
 * spreadsheets. No visibility rule on the rows: callers add one (export) or decide per row
 * (import). The parent's key is given only when the actor may see the parent (a hidden
 * organisation is never echoed, docs/organisations.md "Parents"); otherwise it is null while
 * `parent_id` still holds the parent.
 */
export function selectOrganisationSheetRows(db: Kysely<DB>, actor: Actor) {
  return selectOrganisations(db)
    .leftJoin('organisations as p', (join) =>
      join.onRef('p.id', '=', 'o.parent_id').on(({ exists }) =>
        exists(
          db
            .selectFrom('organisations as o')
            .select('o.id')
            // The inner `o` is the parent again, under the alias visibleTo() is written for.
            .where(sql<boolean>`o.id = p.id`)
            .where(visibleTo(actor)),
        ),
      ),
    )
    .select([
      'p.key as parent_key',
      sql<
        string[]
      >`coalesce((select array_agg(c.area_code order by c.area_code) from organisation_coverage c where c.organisation_id = o.id), '{}')`.as(
        'coverage',
      ),
    ]);
}

// ---- What a write checks and writes (service.ts holds the rules and the audit entry) ----

/** The recorded parent of an organisation (null at the top, or when there is no such organisation). */
export async function parentIdOf(db: Kysely<DB>, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisations')
    .select('parent_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.parent_id ?? null;
}

/** The codes among `codes` of areas that exist and are current (not retired). */
export async function currentAreaCodes(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('areas')
    .select('code')
    .where('code', 'in', codes)
    .where('valid_to', 'is', null)
    .execute();
  return new Set(rows.map((a) => a.code));
}

/** The codes among `codes` of active issues. */
export async function activeIssueCodes(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('issues')
    .select('code')
    .where('code', 'in', codes)
    .where('active', '=', true)
    .execute();
  return new Set(rows.map((i) => i.code));
}

/** Organisation keys that start with `base` (to find a free `base-2`, `base-3`…). */
export async function keysStartingWith(db: Kysely<DB>, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('organisations')
    .select('key')
    .where('key', 'like', `${escapeLike(base)}%`)
    .execute();
  return new Set(rows.map((r) => r.key));
}

export async function insertOrganisationRow(
  trx: Kysely<DB>,
  values: Insertable<DB['organisations']>,
): Promise<string> {
  const { id } = await trx
    .insertInto('organisations')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Writes an organisation's issues and coverage (replacing existing ones). */
export async function writeLinks(
  trx: Kysely<DB>,
  id: string,
  input: { issues: readonly string[]; coverageAreas: readonly string[] },
): Promise<void> {
  await trx.deleteFrom('organisation_issues').where('organisation_id', '=', id).execute();
  await trx.deleteFrom('organisation_coverage').where('organisation_id', '=', id).execute();
  const issues = [...new Set(input.issues)];
  const coverage = [...new Set(input.coverageAreas)];
  if (issues.length) {
    await trx
      .insertInto('organisation_issues')
      .values(issues.map((issue_code) => ({ organisation_id: id, issue_code })))
      .execute();
  }
  if (coverage.length) {
    await trx
      .insertInto('organisation_coverage')
      .values(coverage.map((area_code) => ({ organisation_id: id, area_code })))
      .execute();
  }
}

/** Ids of the programs the organisation owns. */
export async function programIdsOwnedBy(db: Kysely<DB>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('programs')
    .select('id')
    .where('owner_org_id', '=', organisationId)
    .execute();
  return rows.map((p) => p.id);
}

// ---- The issue taxonomy (issues.ts) ----

/** The issues by their sort order, the inactive ones too when asked. */
export function issueRows(db: Kysely<DB>, includeInactive: boolean) {
  let query = db.selectFrom('issues').selectAll().orderBy('sort_order').orderBy('code');
  if (!includeInactive) query = query.where('active', '=', true);
  return query.execute();
}

export function findIssue(db: Kysely<DB>, code: string) {
  return db.selectFrom('issues').selectAll().where('code', '=', code).executeTakeFirst();
}

export function insertIssue(trx: Kysely<DB>, values: Insertable<DB['issues']>) {
  return trx.insertInto('issues').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateIssueRow(trx: Kysely<DB>, code: string, changes: Updateable<DB['issues']>) {
  return trx
    .updateTable('issues')
    .set(changes)
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirstOrThrow();
}
