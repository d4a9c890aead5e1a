/**
 * The figures as the API returns them (contracts in shared/contracts/who-what-where.ts):
 * rows from either source (queries.ts) become the same answer.
 */
import type {
  AreaActivity,
  DashboardResponse,
  MapResponse,
} from '../../../shared/contracts/who-what-where.ts';
import type { OrganisationType } from '../../../shared/roles.ts';
import type { Actor } from '../../policies/actor.ts';
import { presentOrganisationRef } from '../organisations/names.ts';
import type {
  AreaOrganisationRow,
  AreaProgramRow,
  BreakdownRow,
  DashboardRows,
  FigureSums,
  MapRow,
} from './queries.ts';

const shareOf = (productive: number, planned: number) => (planned > 0 ? productive / planned : null);

function presentSums(r: FigureSums & { organisations: number }) {
  return {
    programs: r.programs,
    programsWithoutBudget: r.without_budget,
    organisations: r.organisations,
    budgetPlanned: r.budget_planned,
    budgetRealised: r.budget_realised,
    productiveBudget: r.productive_budget,
    productiveShare: shareOf(r.productive_budget, r.budget_planned),
  };
}

export function presentMap(level: MapResponse['level'], year: number | null, rows: MapRow[]): MapResponse {
  const cells = rows.map((r) => ({ areaCode: r.area_code, ...presentSums(r) }));
  return {
    level,
    year,
    cells,
    max: {
      programs: Math.max(0, ...cells.map((c) => c.programs)),
      organisations: Math.max(0, ...cells.map((c) => c.organisations)),
      budgetPlanned: Math.max(0, ...cells.map((c) => c.budgetPlanned)),
    },
  };
}

const breakdown = (rows: BreakdownRow[]) =>
  rows
    .map((r) => ({
      key: r.key,
      programs: r.programs,
      budgetPlanned: r.budget_planned,
      productiveBudget: r.productive_budget,
    }))
    .sort((a, b) => b.budgetPlanned - a.budgetPlanned || a.key.localeCompare(b.key));

export function presentDashboard(
  year: number | null,
  rows: DashboardRows,
  owners: Array<{ id: string; legal_name: string; type: OrganisationType; verification_status: string }>,
  reader: Actor,
): DashboardResponse {
  const names = new Map(owners.map((o) => [o.id, o]));
  const top = rows.owners
    .map((o) => {
      const owner = names.get(o.organisation_id);
      return {
        ...o,
        name: owner?.legal_name ?? '',
        type: owner?.type ?? ('ngo' as const),
        verification_status: owner?.verification_status ?? 'unverified',
      };
    })
    .sort((a, b) => b.budget_planned - a.budget_planned || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, 10);
  const t = rows.totals;
  return {
    year,
    totals: {
      programs: t.programs,
      programsWithoutBudget: t.without_budget,
      organisations: rows.organisations,
      villages: rows.villages,
      budgetPlanned: t.budget_planned,
      budgetRealised: t.budget_realised,
      productiveBudget: t.productive_budget,
      productiveShare: shareOf(t.productive_budget, t.budget_planned),
      targetHouseholds: t.target_households,
      reachedHouseholds: t.reached_households,
    },
    byIssue: breakdown(rows.byIssue),
    byOrganisationType: breakdown(rows.byType),
    byModality: breakdown(rows.byModality),
    byStatus: breakdown(rows.byStatus),
    byYear: rows.byYear.map((r) => ({
      year: r.year,
      programs: r.programs,
      budgetPlanned: r.budget_planned,
      productiveBudget: r.productive_budget,
      consumptiveBudget: r.budget_planned - r.productive_budget,
    })),
    topContributors: top.map((r) => ({
      organisation: presentOrganisationRef(reader, { ...r, id: r.organisation_id }),
      programs: r.programs,
      budgetPlanned: r.budget_planned,
    })),
  };
}

export function presentAreaActivity(
  area: AreaActivity['area'],
  totals: FigureSums & { organisations: number },
  programs: { items: AreaProgramRow[]; total: number; limit: number; offset: number },
  organisations: { items: AreaOrganisationRow[]; limit: number; offset: number },
  reader: Actor,
): AreaActivity {
  return {
    area,
    totals: presentSums(totals),
    programs: {
      items: programs.items.map((p) => ({
        id: p.id,
        title: p.title,
        owner: presentOrganisationRef(reader, {
          id: p.owner_id,
          name: p.owner_name,
          type: p.owner_type,
          verification_status: p.owner_verification,
        }),
        status: p.status,
        modality: p.modality,
        issues: p.issues,
        periodStart: p.period_start,
        periodEnd: p.period_end,
        budgetInArea: p.budget_planned === null ? null : Number(p.budget_planned),
      })),
      page: { limit: programs.limit, offset: programs.offset, total: programs.total },
    },
    organisations: organisations.items.map((o) => ({
      ...presentOrganisationRef(reader, o),
      programs: o.programs,
    })),
    organisationsPage: {
      limit: organisations.limit,
      offset: organisations.offset,
      total: totals.organisations,
    },
  };
}
