/**
 * Pre-summed figures for the map, the dashboard and the area panel (issue 9 §3): reading
 * them costs a few thousand rows per request instead of aggregating the fact table, so the
 * figures stay fast when the response cache is off or has just been invalidated.
 *
 * - `figure_cells`: one row per area × year (0 = whole period) × breakdown, summed over the
 *   `planned`, `active` and `completed` programs (the figures' default statuses;
 *   DEFAULT_MAPPED_STATUSES in src/shared/programs.ts). The breakdown columns hold '' for
 *   "all": ('', '', '', '') is the area's total, (issue, '', '', '') its total for one issue,
 *   and ('', owner type, '', ''), ('', '', modality, ''), ('', '', '', status) the dashboard's
 *   breakdowns. A program has one owner type, modality and status, and one fact row per area
 *   and year, so program counts and sums add up across these rows; only `organisations` (distinct
 *   owners and partners) does not, and is kept on the total and per-issue rows only.
 * - `figure_organisations`: per area × year × issue ('' = all) × organisation, the programs
 *   involving it there and those it owns with their budget: the distinct-organisation counts
 *   (a row appears or disappears), the area panel's organisation list and the top contributors.
 *
 * Both follow `program_area_facts` through a row trigger: every fact row inserted adds itself
 * to its cells, every row deleted (also by a cascade) subtracts itself, in the writing
 * transaction. Upserts add to the stored value (`programs = programs + 1`), so two writers
 * touching one cell never lose an update: the second waits for the first's row lock. Before
 * touching a cell the trigger locks the facts-version row (`program_facts_version`, which every
 * fact writer updates anyway), so writers of figures queue there, one at a time, and can never
 * deadlock on cells. A bulk
 * load sets `simpul.figures_deferred` for its transaction and calls `figure_cells_rebuild()`
 * at the end (src/server/modules/programs/facts.ts), which recomputes both tables from the facts.
 *
 * Keys start with `area_code`, the distribution column for Citus (DESIGN.md).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table figure_cells (
      area_code text collate "C" not null,
      level text not null check (level in ('province','regency','district','village')),
      year smallint not null,
      issue text not null,
      owner_type text not null,
      modality text not null,
      status text not null,
      programs integer not null,
      without_budget integer not null,
      budget_planned bigint not null,
      productive_budget bigint not null,
      budget_realised bigint not null,
      target_households bigint not null,
      reached_households bigint not null,
      organisations integer not null default 0,
      primary key (area_code, year, issue, owner_type, modality, status)
    )`.execute(db);
  // The map: every area of one level for one year and issue, totals only.
  await sql`
    create index figure_cells_map_idx on figure_cells (level, year, issue, area_code)
      where owner_type = '' and modality = '' and status = ''`.execute(db);

  await sql`
    create table figure_organisations (
      area_code text collate "C" not null,
      year smallint not null,
      issue text not null,
      organisation_id uuid not null,
      level text not null,
      programs integer not null,
      owned_programs integer not null,
      owned_budget_planned bigint not null,
      primary key (area_code, year, issue, organisation_id)
    )`.execute(db);

  // Adds (sign 1) or subtracts (sign -1) one fact row to or from one cell. A cell left with no
  // program is removed unless `keep` (the caller still adjusts its organisations).
  await sql`
    create function figure_cell_add(
      p_level text, p_area text, p_year smallint, p_issue text, p_type text, p_modality text, p_status text,
      p_planned bigint, p_productive boolean, p_realised bigint, p_target integer, p_reached integer,
      p_sign integer, p_keep boolean
    ) returns void language plpgsql as $$
    declare
      left_programs integer;
    begin
      insert into figure_cells as c (area_code, level, year, issue, owner_type, modality, status, programs,
        without_budget, budget_planned, productive_budget, budget_realised, target_households, reached_households)
      values (p_area, p_level, p_year, p_issue, p_type, p_modality, p_status, p_sign,
        p_sign * (p_planned is null)::int, p_sign * coalesce(p_planned, 0),
        p_sign * (case when p_productive then coalesce(p_planned, 0) else 0 end),
        p_sign * coalesce(p_realised, 0), p_sign * p_target, p_sign * p_reached)
      on conflict (area_code, year, issue, owner_type, modality, status) do update set
        programs = c.programs + excluded.programs,
        without_budget = c.without_budget + excluded.without_budget,
        budget_planned = c.budget_planned + excluded.budget_planned,
        productive_budget = c.productive_budget + excluded.productive_budget,
        budget_realised = c.budget_realised + excluded.budget_realised,
        target_households = c.target_households + excluded.target_households,
        reached_households = c.reached_households + excluded.reached_households
      returning c.programs into left_programs;
      if left_programs = 0 and not p_keep then
        delete from figure_cells where area_code = p_area and year = p_year and issue = p_issue
          and owner_type = p_type and modality = p_modality and status = p_status;
      end if;
    end $$`.execute(db);

  // One fact row into (sign 1) or out of (sign -1) every cell and organisation row it counts in.
  // Always in the same order (issues and organisations sorted in the fact row, the totals cell
  // before its organisation rows), so writers take row locks in one order.
  await sql`
    create function figure_apply(
      p_level text, p_area text, p_year smallint, p_owner uuid, p_type text, p_modality text, p_status text,
      p_issues text[], p_orgs uuid[], p_planned bigint, p_productive boolean, p_realised bigint,
      p_target integer, p_reached integer, p_sign integer
    ) returns void language plpgsql as $$
    declare
      v_issue text;
      v_org uuid;
      v_owned integer;
      v_left integer;
      v_orgs_delta integer;
    begin
      if p_status not in ('planned', 'active', 'completed') then return; end if;
      foreach v_issue in array array['']::text[] || p_issues loop
        perform figure_cell_add(p_level, p_area, p_year, v_issue, '', '', '', p_planned, p_productive,
          p_realised, p_target, p_reached, p_sign, true);
        v_orgs_delta := 0;
        foreach v_org in array p_orgs loop
          v_owned := (v_org = p_owner)::int;
          insert into figure_organisations as o (area_code, year, issue, organisation_id, level, programs,
            owned_programs, owned_budget_planned)
          values (p_area, p_year, v_issue, v_org, p_level, p_sign, p_sign * v_owned,
            p_sign * v_owned * coalesce(p_planned, 0))
          on conflict (area_code, year, issue, organisation_id) do update set
            programs = o.programs + excluded.programs,
            owned_programs = o.owned_programs + excluded.owned_programs,
            owned_budget_planned = o.owned_budget_planned + excluded.owned_budget_planned
          returning o.programs into v_left;
          if p_sign = 1 and v_left = 1 then
            v_orgs_delta := v_orgs_delta + 1;
          elsif p_sign = -1 and v_left = 0 then
            delete from figure_organisations
              where area_code = p_area and year = p_year and issue = v_issue and organisation_id = v_org;
            v_orgs_delta := v_orgs_delta - 1;
          end if;
        end loop;
        if v_orgs_delta <> 0 then
          update figure_cells set organisations = organisations + v_orgs_delta
            where area_code = p_area and year = p_year and issue = v_issue
              and owner_type = '' and modality = '' and status = '';
        end if;
        if p_sign = -1 then
          delete from figure_cells where area_code = p_area and year = p_year and issue = v_issue
            and owner_type = '' and modality = '' and status = '' and programs = 0;
        end if;
      end loop;
      perform figure_cell_add(p_level, p_area, p_year, '', p_type, '', '', p_planned, p_productive,
        p_realised, p_target, p_reached, p_sign, false);
      perform figure_cell_add(p_level, p_area, p_year, '', '', p_modality, '', p_planned, p_productive,
        p_realised, p_target, p_reached, p_sign, false);
      perform figure_cell_add(p_level, p_area, p_year, '', '', '', p_status, p_planned, p_productive,
        p_realised, p_target, p_reached, p_sign, false);
    end $$`.execute(db);

  await sql`
    create function figure_cells_follow_facts() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('simpul.figures_deferred', true), '') = 'on' then return null; end if;
      -- The facts-version row first (every fact writer bumps it anyway): writers touching cells
      -- then queue on this one row and never hold one cell while waiting for another, so they
      -- cannot deadlock, also when a cascade (a program deleted) reaches the facts before the bump.
      perform 1 from program_facts_version where id = 1 for update;
      if tg_op in ('DELETE', 'UPDATE') then
        perform figure_apply(old.level, old.area_code, old.year, old.owner_org_id, old.owner_type,
          old.modality, old.status, old.issues, old.org_ids, old.budget_planned, old.productive,
          old.budget_realised, old.target_households, old.reached_households, -1);
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        perform figure_apply(new.level, new.area_code, new.year, new.owner_org_id, new.owner_type,
          new.modality, new.status, new.issues, new.org_ids, new.budget_planned, new.productive,
          new.budget_realised, new.target_households, new.reached_households, 1);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger figure_cells_follow_facts after insert or update or delete on program_area_facts
      for each row execute function figure_cells_follow_facts()`.execute(db);

  // Recomputes both tables from the fact table: the same rules as figure_apply, as one set of
  // grouped inserts (for bulk loads, repairs and this migration).
  await sql`
    create function figure_cells_rebuild() returns void language plpgsql as $$
    begin
      delete from figure_organisations;
      delete from figure_cells;
      insert into figure_cells (area_code, level, year, issue, owner_type, modality, status, programs,
        without_budget, budget_planned, productive_budget, budget_realised, target_households, reached_households)
      select f.area_code, f.level, f.year, d.issue, d.owner_type, d.modality, d.status, count(*),
        count(*) filter (where f.budget_planned is null), coalesce(sum(f.budget_planned), 0),
        coalesce(sum(f.budget_planned) filter (where f.productive), 0), coalesce(sum(f.budget_realised), 0),
        sum(f.target_households), sum(f.reached_households)
      from program_area_facts f
      cross join lateral (
        select i as issue, '' as owner_type, '' as modality, '' as status from unnest(array['']::text[] || f.issues) i
        union all select '', f.owner_type, '', ''
        union all select '', '', f.modality, ''
        union all select '', '', '', f.status
      ) d
      where f.status in ('planned', 'active', 'completed')
      group by f.area_code, f.level, f.year, d.issue, d.owner_type, d.modality, d.status;
      insert into figure_organisations (area_code, year, issue, organisation_id, level, programs,
        owned_programs, owned_budget_planned)
      select f.area_code, f.year, i.issue, o.organisation_id, f.level, count(*),
        count(*) filter (where o.organisation_id = f.owner_org_id),
        coalesce(sum(f.budget_planned) filter (where o.organisation_id = f.owner_org_id), 0)
      from program_area_facts f
      cross join lateral unnest(array['']::text[] || f.issues) as i(issue)
      cross join lateral unnest(f.org_ids) as o(organisation_id)
      where f.status in ('planned', 'active', 'completed')
      group by f.area_code, f.year, i.issue, o.organisation_id, f.level;
      update figure_cells c set organisations = n.organisations
      from (
        select area_code, year, issue, count(*)::int as organisations
        from figure_organisations group by area_code, year, issue
      ) n
      where c.area_code = n.area_code and c.year = n.year and c.issue = n.issue
        and c.owner_type = '' and c.modality = '' and c.status = '';
    end $$`.execute(db);
  await sql`select figure_cells_rebuild()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists figure_cells_follow_facts on program_area_facts`.execute(db);
  await sql`drop function if exists figure_cells_follow_facts(), figure_cells_rebuild()`.execute(db);
  await sql`drop function if exists figure_apply(text, text, smallint, uuid, text, text, text, text[], uuid[], bigint, boolean, bigint, integer, integer, integer)`.execute(
    db,
  );
  await sql`drop function if exists figure_cell_add(text, text, smallint, text, text, text, text, bigint, boolean, bigint, integer, integer, integer, boolean)`.execute(
    db,
  );
  await sql`drop table if exists figure_organisations, figure_cells`.execute(db);
}
