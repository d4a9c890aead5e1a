/**
 * Kysely table types. One interface per table; columns named as in SQL (snake_case)
 * and mapped to API shapes only by presenters.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AreasTable {
  code: string;
  parent_code: string | null;
  province_code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  kind: 'province' | 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan';
  name: string;
  /** Lower-cased, accent-free name for trigram search (see normalizeAreaName). */
  name_search: string;
  bps_code: string | null;
  /** ISO dates (parsed as text to avoid time-zone shifts). */
  valid_from: string | null;
  valid_to: string | null;
  successor_codes: ColumnType<string[], string[] | undefined, string[]>;
  source: string;
  updated_at: Timestamp;
}

export interface AreaBoundariesTable {
  area_code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  /** GeoJSON geometry as imported (WGS84 lng/lat). */
  geometry: ColumnType<unknown, string, string>;
  /** Simplified for web maps at this level. */
  geometry_simplified: ColumnType<unknown, string, string>;
  centroid_lng: number | null;
  centroid_lat: number | null;
  source: string;
  imported_at: Timestamp;
}

export interface AreaStatisticsTable {
  area_code: string;
  indicator: string;
  year: number;
  value: number;
  unit: string;
  source: string;
}

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface DB {
  areas: AreasTable;
  area_boundaries: AreaBoundariesTable;
  area_statistics: AreaStatisticsTable;
  app_meta: AppMetaTable;
  issues: IssuesTable;
  organisations: OrganisationsTable;
  organisation_issues: OrganisationIssuesTable;
  organisation_coverage: OrganisationCoverageTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_throttles: SignInThrottlesTable;
  audit_log: AuditLogTable;
  audit_pending: AuditPendingTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  programs: ProgramsTable;
  program_issues: ProgramIssuesTable;
  program_villages: ProgramVillagesTable;
  program_partners: ProgramPartnersTable;
  partnerships: PartnershipsTable;
  partnership_parties: PartnershipPartiesTable;
  partnership_programs: PartnershipProgramsTable;
  program_area_facts: ProgramAreaFactsTable;
  program_facts_version: { id: Generated<number>; version: number };
  figure_cells: FigureCellsTable;
  figure_organisations: FigureOrganisationsTable;
}

export interface IssuesTable {
  code: string;
  name_id: string;
  name_en: string;
  description_id: string | null;
  description_en: string | null;
  sort_order: number;
  active: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface OrganisationsTable {
  id: Generated<string>;
  key: string;
  legal_name: string;
  short_name: string | null;
  name_search: string;
  type: import('../../shared/roles.ts').OrganisationType;
  level: 'province' | 'regency' | null;
  parent_id: string | null;
  area_code: string;
  address: string | null;
  website: string | null;
  description: string | null;
  offers: ColumnType<string[], string[] | undefined, string[]>;
  /** Contact persons: personal data, shown to signed-in users only and audited on read. */
  contacts: ColumnType<unknown, string | undefined, string>;
  verification_status: Generated<'unverified' | 'verified' | 'rejected'>;
  registered_by_org_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrganisationIssuesTable {
  organisation_id: string;
  issue_code: string;
}

export interface OrganisationCoverageTable {
  organisation_id: string;
  area_code: string;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SignInThrottlesTable {
  account_key: string;
  /** The client address ('*' = the account from every source). */
  source: string;
  failures: Generated<number>;
  last_failure_at: Generated<Date>;
  blocked_until: Date | null;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  role: import('../../shared/roles.ts').Role;
  area_scope: string | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** What an audit entry records, in audit_log and while it waits in audit_pending. */
interface AuditEntryColumns {
  id: Generated<number>;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  ip: string | null;
  request_id: string | null;
}

export interface AuditLogTable extends AuditEntryColumns {
  prev_hash: string;
  hash: string;
  /** 1: entries before migration 0009; 2: sealed at commit (record-audit.ts explains both). */
  hash_scheme: number;
}

/** Entries of transactions not yet committed; the seal trigger moves them into audit_log. */
export interface AuditPendingTable extends AuditEntryColumns {
  content_digest: string;
}

export interface AuditHeadTable {
  singleton: Generated<boolean>;
  entry_id: number | null;
  hash: string;
}

export interface AuditCheckpointsTable {
  id: Generated<number>;
  created_at: Date;
  sequence: number;
  entry_id: number | null;
  hash: string;
  signature: string;
}

type Json = ColumnType<unknown, string | undefined, string>;
type DateText = string;

export interface ProgramsTable {
  id: Generated<string>;
  key: string;
  owner_org_id: string;
  title: string;
  description: string | null;
  status: Generated<import('../../shared/programs.ts').ProgramStatus>;
  planned_at: DateText | null;
  started_at: DateText | null;
  completed_at: DateText | null;
  cancelled_at: DateText | null;
  period_start: DateText;
  period_end: DateText;
  /** Whole rupiah; null = not known (never shown or summed as 0). */
  budget_planned: number | null;
  budget_realised: number | null;
  modality: import('../../shared/programs.ts').Modality;
  productive: ColumnType<boolean, never, never>;
  target_households: number | null;
  target_persons: number | null;
  reached_households: number | null;
  reached_persons: number | null;
  documents: Json;
  source: Generated<'form' | 'import' | 'generator'>;
  created_by_user_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProgramIssuesTable {
  program_id: string;
  issue_code: string;
}

export interface ProgramVillagesTable {
  program_id: string;
  village_code: string;
  target_households: number | null;
  target_persons: number | null;
}

export interface ProgramPartnersTable {
  program_id: string;
  organisation_id: string;
  role: import('../../shared/programs.ts').PartnerRole;
  contribution_money: number | null;
  contribution_in_kind: string | null;
}

export interface PartnershipsTable {
  id: Generated<string>;
  key: string;
  title: string;
  description: string | null;
  agreement_type: import('../../shared/programs.ts').AgreementType;
  agreement_number: string | null;
  status: Generated<import('../../shared/programs.ts').PartnershipStatus>;
  signed_on: DateText | null;
  starts_on: DateText | null;
  ends_on: DateText | null;
  terminated_on: DateText | null;
  renews_id: string | null;
  documents: Json;
  created_by_org_id: string | null;
  source: Generated<'form' | 'import' | 'generator'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PartnershipPartiesTable {
  partnership_id: string;
  organisation_id: string;
  role: import('../../shared/programs.ts').PartyRole;
  commitment_money: number | null;
  commitment_in_kind: string | null;
  commitment_expertise: string | null;
  commitment_months: number | null;
  /** invited until the organisation confirms (migration 0005); no default on purpose. */
  confirmation: import('../../shared/programs.ts').PartyConfirmation;
}

export interface PartnershipProgramsTable {
  partnership_id: string;
  program_id: string;
}

export interface ProgramAreaFactsTable {
  program_id: string;
  area_code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  /** Calendar year, or 0 for the whole period. */
  year: number;
  owner_org_id: string;
  owner_type: string;
  modality: string;
  productive: boolean;
  status: string;
  issues: string[];
  org_ids: string[];
  /** Null when the program's budget is not known: sums leave such rows out. */
  budget_planned: number | null;
  budget_realised: number | null;
  target_households: number;
  reached_households: number;
}

/** Pre-summed figures per area, year and breakdown ('' = all); migration 0008 explains the rows. */
export interface FigureCellsTable {
  area_code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  year: number;
  issue: string;
  owner_type: string;
  modality: string;
  status: string;
  programs: number;
  without_budget: number;
  budget_planned: number;
  productive_budget: number;
  budget_realised: number;
  target_households: number;
  reached_households: number;
  organisations: number;
}

/** Per area, year, issue ('' = all) and organisation: the programs involving it and those it owns. */
export interface FigureOrganisationsTable {
  area_code: string;
  year: number;
  issue: string;
  organisation_id: string;
  level: string;
  programs: number;
  owned_programs: number;
  owned_budget_planned: number;
}
