/**
 * The program recap import as commands: upload a workbook into a session, show a sheet,
 * preview a mapping (plan.ts on what the database knows), and commit: a job that writes
 * every program of the file in one transaction through upsertProgramByKey, with its
 * progress in the session row. Domain code: no HTTP, only AppError codes. Cell contents
 * are never logged; they live in the session row and in answers to its owner only.
 */
import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import { isWellFormedAreaCode, levelOfCode, normalizeAreaName } from '../../../../shared/area-code.ts';
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportStatus,
  type SheetPreview,
  type UploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';
import type { Database } from '../../../db/engine.ts';
import type { DB } from '../../../db/types.ts';
import { AppError, type ErrorDetail } from '../../../errors.ts';
import type { Jobs } from '../../../jobs/boss.ts';
import { type Actor, isPlatformAdmin, membershipsWith } from '../../../policies/actor.ts';
import { registeringOrganisation } from '../../../policies/organisations.ts';
import { canEditProgram } from '../../../policies/programs.ts';
import { membershipsOf } from '../../accounts/sessions.ts';
import type { AuditContext } from '../../audit/record-audit.ts';
import { visibleTo } from '../../organisations/queries.ts';
import { registerOrganisationIn } from '../../organisations/service.ts';
import { upsertProgramByKey } from '../service.ts';
import {
  columnIndexOf,
  columnLetterOf,
  guessColumnsOf,
  guessHeaderRow,
  guessYear,
  headerParts,
} from './columns.ts';
import {
  type KnownOrganisation,
  type OrganisationMatch,
  organisationNamesIn,
  type Plan,
  type PlanMapping,
  planImport,
} from './plan.ts';
import { areaIndexOf } from './read-location.ts';
import { readWorkbook, type StoredSheet, type StoredWorkbook } from './read-workbook.ts';
import { IssueVocabulary } from './vocabulary.ts';

/** How long an upload waits for its commit. */
export const SESSION_TTL_HOURS = 24;
/** Expired sessions answer "expired" (rather than "not found") this long, without their cells. */
const EXPIRED_KEPT_DAYS = 7;
/** Uploads of one user that keep their cells; older ones are expired early. */
const SESSIONS_KEPT_PER_USER = 10;
/** Rows of a sheet shown for picking the header. */
const PREVIEW_ROWS = 40;
/** The pg-boss queue of commit jobs. */
export const IMPORT_QUEUE = 'program-import';
/** Progress is written to the session row at most this often (PostgreSQL only, see runImportJob). */
const PROGRESS_INTERVAL_MS = 500;

type ImportState = ImportStatus['state'];
type Json<T> = ColumnType<T, string | null, string | null>;

/** The session table; kept here because only the importer uses it. */
export interface ProgramImportSessionsTable {
  id: Generated<string>;
  owner_user_id: string | null;
  file_name: string;
  workbook: Json<StoredWorkbook | null>;
  state: ColumnType<ImportState, ImportState | undefined, ImportState>;
  mapping: Json<ImportMapping | null>;
  audit_context: Json<AuditContext | null>;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: ColumnType<number, number | undefined, number>;
  result: Json<ImportStatus['result']>;
  error: Json<ImportStatus['error']>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: ColumnType<Date, Date, Date>;
}

type ImportDB = DB & { program_import_sessions: ProgramImportSessionsTable };
const withSessions = (db: Kysely<DB>) =>
  db.withTables<{ program_import_sessions: ProgramImportSessionsTable }>();

/** Progress of jobs running in this process: on the embedded engine the job's transaction holds the only connection. */
const liveProgress = new Map<string, { done: number; total: number }>();

function ownerUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

// ---------------------------------------------------------------------------------------------
// Upload and sheets

/** The guessed header row and mapping of a sheet, with each column's header as read (parent › own name). */
function guessOf(sheet: StoredSheet): SheetPreview['guess'] {
  const headerRow = guessHeaderRow(sheet);
  return {
    headerRow,
    columns: headerRow === null ? {} : lettersOf(guessColumnsOf(sheet, headerRow)),
    headers: headerRow === null ? [] : headerParts(sheet, headerRow).map((parts) => parts.join(' › ')),
    year: guessYear(sheet, headerRow),
  };
}

function sheetPreviewOf(sheet: StoredSheet): SheetPreview {
  return {
    name: sheet.name,
    rows: sheet.rows,
    columns: sheet.columns,
    grid: sheet.data.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.r, cells: r.c })),
    guess: guessOf(sheet),
  };
}

function lettersOf(columns: Partial<Record<ImportField, number>>): Partial<Record<ImportField, string>> {
  return Object.fromEntries(Object.entries(columns).map(([field, index]) => [field, columnLetterOf(index)]));
}

/** Drops the cells of expired sessions and forgets them a week later. */
async function purgeExpired(db: Kysely<ImportDB>): Promise<void> {
  await db
    .updateTable('program_import_sessions')
    .set({ workbook: null })
    .where('expires_at', '<', sql<Date>`now()`)
    .where('workbook', 'is not', null)
    .execute();
  await db
    .deleteFrom('program_import_sessions')
    .where('expires_at', '<', sql<Date>`now() - make_interval(days => ${EXPIRED_KEPT_DAYS})`)
    .execute();
}

/** Reads the file, keeps its cells in a new session and shows the first sheet that looks like a table. */
export async function uploadWorkbook(
  db: Kysely<DB>,
  actor: Actor,
  file: Buffer,
  fileName: string,
): Promise<UploadedWorkbook> {
  const sessions = withSessions(db);
  await purgeExpired(sessions);
  const workbook = await readWorkbook(file, fileName);
  const expiresAt = new Date(Date.now() + SESSION_TTL_HOURS * 3_600_000);
  const owner = ownerUserId(actor);
  const { id } = await sessions
    .insertInto('program_import_sessions')
    .values({
      owner_user_id: owner,
      file_name: fileName,
      workbook: JSON.stringify(workbook),
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (owner) {
    // Bounds what one user keeps stored: their older uploads expire early.
    await sessions
      .updateTable('program_import_sessions')
      .set({ workbook: null, expires_at: new Date() })
      .where('owner_user_id', '=', owner)
      .where('state', '=', 'uploaded')
      .where('workbook', 'is not', null)
      .where(
        'id',
        'not in',
        sessions
          .selectFrom('program_import_sessions')
          .select('id')
          .where('owner_user_id', '=', owner)
          .orderBy('created_at', 'desc')
          .limit(SESSIONS_KEPT_PER_USER),
      )
      .execute();
  }
  const first =
    workbook.sheets.find((sheet) => guessHeaderRow(sheet) !== null) ??
    workbook.sheets.find((sheet) => sheet.data.length > 0) ??
    (workbook.sheets[0] as StoredSheet);
  return {
    importId: id,
    fileName,
    expiresAt: expiresAt.toISOString(),
    sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows, columns: sheet.columns })),
    preview: sheetPreviewOf(first),
  };
}

interface SessionRow {
  id: string;
  owner_user_id: string | null;
  file_name: string;
  state: ImportState;
  progress_done: number;
  progress_total: number;
  result: ImportStatus['result'];
  error: ImportStatus['error'];
  expires_at: Date;
}

const SESSION_COLUMNS = [
  'id',
  'owner_user_id',
  'file_name',
  'state',
  'progress_done',
  'progress_total',
  'result',
  'error',
  'expires_at',
] as const;

/** The caller's own session: another user's is simply not found. */
async function findSession(db: Kysely<DB>, actor: Actor, id: string): Promise<SessionRow> {
  const owner = ownerUserId(actor);
  const row = await withSessions(db)
    .selectFrom('program_import_sessions')
    .select(SESSION_COLUMNS)
    .where('id', '=', id)
    .where((eb) => (owner ? eb('owner_user_id', '=', owner) : eb('owner_user_id', 'is', null)))
    .executeTakeFirst();
  if (!row) throw new AppError('IMPORT_SESSION_NOT_FOUND');
  return row as SessionRow;
}

function refuseExpired(session: SessionRow): void {
  if (session.expires_at.getTime() < Date.now()) throw new AppError('IMPORT_SESSION_EXPIRED');
}

/** One sheet of a session, read from the stored grid by name without loading the others. */
async function loadSheet(
  db: Kysely<DB>,
  id: string,
  name: string,
): Promise<{ sheet: StoredSheet; date1904: boolean }> {
  const row = await withSessions(db)
    .selectFrom('program_import_sessions')
    .select([
      sql<StoredSheet | null>`jsonb_path_query_first(workbook, '$.sheets[*] ? (@.name == $name)', jsonb_build_object('name', ${name}::text))`.as(
        'sheet',
      ),
      sql<boolean>`coalesce((workbook->>'date1904')::boolean, false)`.as('date1904'),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row?.sheet) {
    throw new AppError('VALIDATION_FAILED', `The workbook has no sheet "${name}"`, [
      { path: 'body.sheet', message: 'no such sheet', code: 'unknown_sheet' },
    ]);
  }
  return { sheet: row.sheet, date1904: row.date1904 };
}

export async function sheetPreview(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  name: string,
): Promise<SheetPreview> {
  const session = await findSession(db, actor, id);
  refuseExpired(session);
  const { sheet } = await loadSheet(db, id, name);
  return sheetPreviewOf(sheet);
}

// ---------------------------------------------------------------------------------------------
// Planning against the database

/** Every current area (kabupaten, kecamatan, village) the names are resolved among. */
async function loadAreas(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('valid_to', 'is', null)
    .execute();
  return areaIndexOf(
    rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })),
  );
}

/**
 * May the actor record some program of this organisation: administrators, coordinators (the
 * villages then decide, per program, through canEditProgram) and the organisation's own editors.
 */
function mayRecordProgramsOf(actor: Actor, organisationId: string): boolean {
  if (isPlatformAdmin(actor) || membershipsWith(actor, ['coordinator']).length > 0) return true;
  return membershipsWith(actor, ['org_admin', 'org_editor']).some((m) => m.organisationId === organisationId);
}

/** Similar names are offered from this trigram similarity on (normalised legal names). */
const CANDIDATE_SIMILARITY = 0.3;

/**
 * Organisations the owner/partner cells name, among those the user can see: an exact
 * normalised name (legal or short) is a match; otherwise up to five similar names are
 * candidates. Never a silent pick between two.
 */
async function matchOrganisations(
  db: Kysely<DB>,
  actor: Actor,
  names: string[],
): Promise<Map<string, OrganisationMatch>> {
  const wanted = [...new Set(names.map(normalizeAreaName).filter((n) => n.length > 0))];
  const matches = new Map<string, OrganisationMatch>();
  if (wanted.length === 0) return matches;
  const visibleIds = db.selectFrom('organisations as o').select('o.id').where(visibleTo(actor));
  const rows = await sql<{ wanted: string; id: string; key: string; legal_name: string; exact: boolean }>`
    select n.wanted, c.id, c.key, c.legal_name, c.exact
    from unnest(${wanted}::text[]) as n(wanted)
    cross join lateral (
      select o.id, o.key, o.legal_name,
             (o.name_search = n.wanted or lower(coalesce(o.short_name, '')) = n.wanted) as exact
      from organisations o
      where o.id in (${visibleIds})
        and (o.name_search = n.wanted or lower(coalesce(o.short_name, '')) = n.wanted
             or similarity(o.name_search, n.wanted) >= ${CANDIDATE_SIMILARITY})
      order by (o.name_search = n.wanted) desc, similarity(o.name_search, n.wanted) desc, o.legal_name
      limit 5
    ) c`.execute(db);
  for (const name of wanted) {
    const found = rows.rows.filter((r) => r.wanted === name);
    const exact = found.filter((r) => r.exact);
    const asKnown = (r: (typeof found)[number]): KnownOrganisation => ({
      id: r.id,
      key: r.key,
      name: r.legal_name,
    });
    matches.set(
      name,
      exact.length === 1 && exact[0]
        ? { status: 'found', organisation: asKnown(exact[0]) }
        : { status: 'unknown', candidates: (exact.length > 1 ? exact : found).map(asKnown) },
    );
  }
  return matches;
}

async function organisationsByIds(
  db: Kysely<DB>,
  actor: Actor,
  ids: string[],
): Promise<Map<string, KnownOrganisation>> {
  const uuids = [...new Set(ids)].filter((id) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
  );
  if (uuids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.key', 'o.legal_name'])
    .where('o.id', 'in', uuids)
    .where(visibleTo(actor))
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, key: r.key, name: r.legal_name }]));
}

/** The request's columns as indexes; an empty mapping means "use the guess". */
function columnsOf(body: ImportMapping, sheet: StoredSheet): Partial<Record<ImportField, number>> {
  const given = Object.entries(body.columns);
  if (given.length === 0) return guessColumnsOf(sheet, body.headerRow);
  const columns: Partial<Record<ImportField, number>> = {};
  for (const [field, column] of given) {
    if (column === undefined || !(IMPORT_FIELDS as readonly string[]).includes(field)) continue;
    columns[field as ImportField] = typeof column === 'number' ? column - 1 : columnIndexOf(column);
  }
  return columns;
}

interface PlannedImport {
  plan: Plan;
  columns: Partial<Record<ImportField, number>>;
  sheet: StoredSheet;
}

/** Checks the request against the sheet and the database, then plans. Shared by preview and the commit job. */
async function planSession(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  body: ImportMapping,
): Promise<PlannedImport> {
  const { sheet, date1904 } = await loadSheet(db, id, body.sheet);
  const invalid: ErrorDetail[] = [];
  if (body.headerRow > Math.max(sheet.rows, 1)) {
    invalid.push({
      path: 'body.headerRow',
      message: `the sheet ends at row ${sheet.rows}`,
      code: 'out_of_range',
    });
  }
  for (const [field, column] of Object.entries(body.columns)) {
    const index = typeof column === 'number' ? column - 1 : columnIndexOf(String(column));
    if (index >= Math.max(sheet.columns, 1) + 50) {
      invalid.push({
        path: `body.columns.${field}`,
        message: 'beyond the last column of the sheet',
        code: 'out_of_range',
      });
    }
  }
  if (body.defaults.kabupaten) {
    const code = body.defaults.kabupaten;
    const area =
      isWellFormedAreaCode(code) && levelOfCode(code) === 'regency'
        ? await db
            .selectFrom('areas')
            .select('code')
            .where('code', '=', code)
            .where('valid_to', 'is', null)
            .executeTakeFirst()
        : undefined;
    if (!area)
      invalid.push({
        path: 'body.defaults.kabupaten',
        message: 'not a current kabupaten/kota',
        code: 'unknown_area',
      });
  }
  if (invalid.length) throw new AppError('VALIDATION_FAILED', undefined, invalid);

  const columns = columnsOf(body, sheet);
  const mapping: PlanMapping = {
    headerRow: body.headerRow,
    columns,
    ownerOrgId: body.ownerOrgId,
    defaults: body.defaults,
    resolutions: body.resolutions,
  };

  const [areas, issues, byName, byId] = await Promise.all([
    loadAreas(db),
    db
      .selectFrom('issues')
      .select(['code', 'name_id', 'name_en'])
      .where('active', '=', true)
      .orderBy('sort_order')
      .orderBy('code')
      .execute(),
    matchOrganisations(db, actor, organisationNamesIn(sheet, mapping)),
    organisationsByIds(db, actor, [
      ...(body.ownerOrgId ? [body.ownerOrgId] : []),
      ...body.resolutions.map((r) => r.value.trim()),
    ]),
  ]);
  if (body.ownerOrgId) {
    // The reporting organisation must be one the user may record programs for.
    if (!byId.has(body.ownerOrgId)) {
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'body.ownerOrgId', message: 'unknown organisation', code: 'unknown_organisation' },
      ]);
    }
    if (!mayRecordProgramsOf(actor, body.ownerOrgId)) {
      throw new AppError('FORBIDDEN', 'You may not record programs of this organisation', [
        {
          path: 'body.ownerOrgId',
          message: 'not an organisation you record programs for',
          code: 'not_permitted',
        },
      ]);
    }
  }
  const plan = planImport(sheet, mapping, {
    areas,
    issues: new IssueVocabulary(issues.map((i) => ({ code: i.code, nameId: i.name_id, nameEn: i.name_en }))),
    organisationsByName: byName,
    organisationsById: byId,
    mayRecord: (ownerOrgId, villageCodes) => canEditProgram(actor, ownerOrgId, villageCodes),
    mayRegister: (areaCode) => registeringOrganisation(actor, areaCode) !== undefined,
    date1904,
  });
  return { plan, columns, sheet };
}

/** The programs a mapping reads from the sheet, with every problem and warning. Writes nothing. */
export async function previewImport(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  body: ImportMapping,
): Promise<ImportPreview> {
  const session = await findSession(db, actor, id);
  refuseExpired(session);
  const { plan, columns, sheet } = await planSession(db, actor, id, body);
  const keys = plan.programs.map((p) => p.key).filter(Boolean);
  const existing = new Set(
    keys.length
      ? (await db.selectFrom('programs').select('key').where('key', 'in', keys).execute()).map((r) => r.key)
      : [],
  );
  return {
    importId: id,
    sheet: sheet.name,
    headerRow: body.headerRow,
    columns: lettersOf(columns),
    headers: headerParts(sheet, body.headerRow).map((parts) => parts.join(' › ')),
    guess: guessOf(sheet),
    programs: plan.programs.map((p) => ({ ...p, exists: existing.has(p.key) })),
    problems: plan.problems,
    warnings: plan.warnings,
    skipped: plan.skipped,
    programRows: plan.programRows,
    valid: plan.problems.length === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Commit and the job

function presentStatus(session: SessionRow): ImportStatus {
  const live = session.state === 'running' ? liveProgress.get(session.id) : undefined;
  return {
    importId: session.id,
    fileName: session.file_name,
    state: session.state,
    progress: live ?? { done: session.progress_done, total: session.progress_total },
    result: session.result ?? null,
    error: session.error ?? null,
    expiresAt: session.expires_at.toISOString(),
  };
}

export async function importStatus(db: Kysely<DB>, actor: Actor, id: string): Promise<ImportStatus> {
  return presentStatus(await findSession(db, actor, id));
}

/** The problems as error details: the cell ("L13") and what is wrong. */
function problemDetails(plan: Plan): ErrorDetail[] {
  return plan.problems.map((p) => ({
    path: p.column ? `${p.column}${p.row}` : `row ${p.row}`,
    message: p.message,
    code: p.code,
  }));
}

/**
 * Accepts the mapping when its preview has no problems, and queues the writing job.
 * Without a job runner (a command-line use, or tests that start none) the same job runs
 * in this process, after the answer.
 */
export async function commitImport(
  database: Database,
  jobs: Jobs | null,
  actor: Actor,
  id: string,
  body: ImportMapping,
  context: AuditContext,
  onBackgroundError: (error: unknown) => void,
): Promise<ImportStatus> {
  const db = database.db;
  const session = await findSession(db, actor, id);
  if (session.state !== 'uploaded' && session.state !== 'failed')
    throw new AppError('IMPORT_ALREADY_COMMITTED');
  refuseExpired(session);
  const { plan } = await planSession(db, actor, id, body);
  if (plan.problems.length > 0) {
    throw new AppError(
      'IMPORT_NOT_VALID',
      `${plan.problems.length} problem(s) left; resolve them in the preview`,
      problemDetails(plan),
    );
  }
  const total = plan.inputs.reduce((sum, p) => sum + p.rows.length, 0);
  const queued = await withSessions(db)
    .updateTable('program_import_sessions')
    .set({
      state: 'queued',
      mapping: JSON.stringify(body),
      audit_context: JSON.stringify(context),
      progress_done: 0,
      progress_total: total,
      result: null,
      error: null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('state', 'in', ['uploaded', 'failed'])
    .executeTakeFirst();
  if (Number(queued.numUpdatedRows) === 0) throw new AppError('IMPORT_ALREADY_COMMITTED');

  if (jobs?.isUp()) {
    const worker = await ensureImportWorker(jobs, database, onBackgroundError);
    // One retry: a crash mid-job rolls its transaction back, and upserts make a second run safe.
    await jobs.boss.send(IMPORT_QUEUE, { importId: id }, { retryLimit: 1, singletonKey: id });
    jobs.boss.notifyWorker(worker);
  } else {
    setImmediate(() => {
      runImportJob(database, id, onBackgroundError).catch(onBackgroundError);
    });
  }
  return presentStatus({
    ...session,
    state: 'queued',
    progress_done: 0,
    progress_total: total,
    result: null,
    error: null,
  });
}

const workers = new WeakMap<object, Promise<string>>();

/** Registers the commit worker on this job runner once (at start-up, or at the first commit). */
export function ensureImportWorker(
  jobs: Jobs,
  database: Database,
  onInternalError: (error: unknown) => void,
): Promise<string> {
  let worker = workers.get(jobs.boss);
  if (!worker) {
    worker = (async () => {
      await jobs.boss.createQueue(IMPORT_QUEUE);
      return jobs.boss.work<{ importId: string }>(
        IMPORT_QUEUE,
        { pollingIntervalSeconds: 2, batchSize: 1 },
        async ([job]) => {
          if (job) await runImportJob(database, job.data.importId, onInternalError);
        },
      );
    })();
    workers.set(jobs.boss, worker);
  }
  return worker;
}

/** The user who committed, as an actor with their memberships now (they may have changed since the preview). */
async function actorOf(db: Kysely<DB>, userId: string | null): Promise<Actor | null> {
  if (userId === null) return { kind: 'service' };
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'must_change_password'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) return null;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    mustChangePassword: user.must_change_password,
    memberships: await membershipsOf(db, user.id),
  };
}

/** A planned program with the placeholders of newly registered organisations swapped for the real ids and keys. */
function withRegistered(
  input: Plan['inputs'][number]['input'],
  registered: ReadonlyMap<string, { id: string; key: string; placeholderKey: string }>,
): Plan['inputs'][number]['input'] {
  const owner = registered.get(input.ownerOrgId);
  return {
    ...input,
    ownerOrgId: owner?.id ?? input.ownerOrgId,
    key:
      owner && input.key.startsWith(`${owner.placeholderKey}.`)
        ? `${owner.key}${input.key.slice(owner.placeholderKey.length)}`
        : input.key,
    partners: input.partners.map((p) => ({
      ...p,
      organisationId: registered.get(p.organisationId)?.id ?? p.organisationId,
    })),
  };
}

/** Writes one program; a refusal names the rows it came from, so the user can find it in the file. */
async function writeProgram(
  trx: Kysely<DB>,
  actor: Actor,
  rows: number[],
  input: Plan['inputs'][number]['input'],
  context: AuditContext,
) {
  try {
    return await upsertProgramByKey(trx, actor, input, context, 'import');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const where = `row ${rows.join(', ')}`;
    throw new AppError(
      error.code,
      `${where} ("${input.title}"): ${error.message}`,
      (error.details ?? []).map((d) => ({ ...d, path: `${where}: ${d.path}` })),
    );
  }
}

function errorOf(error: unknown): NonNullable<ImportStatus['error']> {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  // Not a client mistake: the message may carry internals, so only the code is kept.
  return { code: 'INTERNAL_ERROR', message: 'The import failed on the server' };
}

/**
 * The commit job: plans the session again (the database may have changed since the
 * preview) and writes every program in one transaction, so a failure leaves nothing
 * behind. Progress counts the rows of the programs written. On PostgreSQL it is written
 * to the session row as it goes (from another connection, so it is visible before the
 * commit); the embedded engine has one connection, held by the transaction, so progress
 * is kept in memory for this process's status answers. Never throws for a bad import:
 * the session records why it failed.
 */
export async function runImportJob(
  database: Database,
  id: string,
  onInternalError: (error: unknown) => void = () => {},
): Promise<void> {
  const db = database.db;
  const sessions = withSessions(db);
  const session = await sessions
    .selectFrom('program_import_sessions')
    .select(['id', 'owner_user_id', 'state', 'mapping', 'audit_context'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!session || (session.state !== 'queued' && session.state !== 'running') || !session.mapping) return;
  const fail = async (error: unknown) => {
    liveProgress.delete(id);
    if (!(error instanceof AppError)) onInternalError(error);
    await sessions
      .updateTable('program_import_sessions')
      .set({ state: 'failed', error: JSON.stringify(errorOf(error)), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  };
  try {
    await sessions
      .updateTable('program_import_sessions')
      .set({ state: 'running', progress_done: 0, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const actor = await actorOf(db, session.owner_user_id);
    if (!actor) throw new AppError('FORBIDDEN', 'The user who started the import can no longer sign in');
    const { plan } = await planSession(db, actor, id, session.mapping);
    if (plan.problems.length > 0) {
      throw new AppError(
        'IMPORT_NOT_VALID',
        'The data changed since the preview; check it again',
        problemDetails(plan),
      );
    }
    const context = session.audit_context ?? {
      actorUserId: null,
      actorLabel: 'import',
      ip: null,
      requestId: null,
    };
    const total = plan.inputs.reduce((sum, p) => sum + p.rows.length, 0);
    const progress = { done: 0, total };
    liveProgress.set(id, progress);
    const persistProgress = database.engine === 'postgresql';
    let persistedAt = 0;
    const result = { created: 0, updated: 0, unchanged: 0 };
    await db.transaction().execute(async (trx) => {
      // Organisations the answers register come first, in the same transaction: a refusal
      // later leaves none of them behind.
      const registered = new Map<string, { id: string; key: string; placeholderKey: string }>();
      for (const organisation of plan.newOrganisations) {
        const written = await registerOrganisationIn(
          trx,
          actor,
          {
            legalName: organisation.name,
            type: organisation.type,
            areaCode: organisation.areaCode,
            issues: [],
            coverageAreas: [],
            contacts: [],
            offers: [],
          },
          context,
        );
        registered.set(organisation.id, { ...written, placeholderKey: organisation.key });
      }
      for (const { rows, input: planned } of plan.inputs) {
        const input = withRegistered(planned, registered);
        result[await writeProgram(trx, actor, rows, input, context)] += 1;
        progress.done += rows.length;
        if (persistProgress && Date.now() - persistedAt >= PROGRESS_INTERVAL_MS) {
          persistedAt = Date.now();
          await sessions
            .updateTable('program_import_sessions')
            .set({ progress_done: progress.done, progress_total: total })
            .where('id', '=', id)
            .execute();
        }
      }
      await withSessions(trx)
        .updateTable('program_import_sessions')
        .set({
          state: 'done',
          progress_done: total,
          progress_total: total,
          result: JSON.stringify(result),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    });
    liveProgress.delete(id);
  } catch (error) {
    await fail(error);
  }
}
