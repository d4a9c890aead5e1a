import type { Modality, ProgramStatus } from '../../../../shared/programs.ts';
import { type OrganisationType, SECTOR_OF_TYPE } from '../../../../shared/roles.ts';
import {
  FIRST_YEAR,
  IN_KIND_BY_SECTOR,
  ISSUE_WEIGHTS,
  PROGRAM_PHRASES,
  REFERENCE_DATE,
  RELATED_ISSUES,
} from '../ntb-scale-data.ts';
import { deterministicUuid, Random } from '../prng.ts';
import { coversArea, type Geography, type Village } from './geography.ts';
import {
  addDays,
  addMonths,
  at,
  clamp,
  dayBetween,
  fillTemplate,
  isoDate,
  LAST_DAY,
  minDate,
  pad,
  roundTo,
  toDay,
  WeightedTable,
} from './helpers.ts';
import {
  GENERATED_KEY_PREFIX,
  type GenerationScale,
  type PlannedOrganisation,
  type PlannedProgram,
  type PlannedProgramPartner,
  SCALE_SIZES,
} from './types.ts';

/** Plans the programs: where, when, what, how much, for how many, and with which partners. */
/** Budget median (rupiah) for one village, by modality; scaled by owner and reach. */
const BUDGET_MEDIAN: Record<Modality, number> = {
  cash: 60_000_000,
  in_kind: 50_000_000,
  service: 40_000_000,
  productive_asset: 110_000_000,
  training: 45_000_000,
  infrastructure: 250_000_000,
};
/** Rupiah per household reached, by modality: turns a budget into a plausible target. */
const COST_PER_HOUSEHOLD: Record<Modality, number> = {
  cash: 2_400_000,
  in_kind: 900_000,
  service: 600_000,
  productive_asset: 5_000_000,
  training: 2_000_000,
  infrastructure: 6_000_000,
};
const BUDGET_MIN = 10_000_000;
const BUDGET_MAX = 5_000_000_000;

function ownerBudgetFactor(org: PlannedOrganisation): number {
  switch (org.type) {
    case 'government':
      return org.level === 'province' ? 2 : 1.3;
    case 'bumn_bumd':
      return 1.6;
    case 'private_company':
      return 1.2;
    case 'philanthropy':
      return org.wideScope ? 1.2 : 0.9;
    case 'ngo':
      return 0.6;
    case 'university':
      return 0.4;
    default:
      return 0.3;
  }
}

/** Share of consumptive modality weights by owner type: [cash, in_kind, service]. */
const CONSUMPTIVE_BY_TYPE: Record<OrganisationType, readonly [number, number, number]> = {
  government: [0.4, 0.35, 0.25],
  lkks: [0.3, 0.4, 0.3],
  philanthropy: [0.5, 0.4, 0.1],
  bumn_bumd: [0.15, 0.6, 0.25],
  private_company: [0.1, 0.6, 0.3],
  ngo: [0.1, 0.3, 0.6],
  university: [0, 0, 1],
  media: [0, 0, 1],
};
/** [productive_asset, training, infrastructure] */
const PRODUCTIVE_BY_TYPE: Record<OrganisationType, readonly [number, number, number]> = {
  government: [0.35, 0.35, 0.3],
  lkks: [0.3, 0.6, 0.1],
  philanthropy: [0.5, 0.4, 0.1],
  bumn_bumd: [0.35, 0.3, 0.35],
  private_company: [0.35, 0.3, 0.35],
  ngo: [0.3, 0.65, 0.05],
  university: [0.1, 0.9, 0],
  media: [0, 1, 0],
};
/** How an issue tilts the modality (RTLH is mostly building, stunting mostly food and services…). */
const ISSUE_MODALITY_TILT: Partial<Record<string, Partial<Record<Modality, number>>>> = {
  perumahan_rtlh: { infrastructure: 4, in_kind: 1.5 },
  tengkes: { in_kind: 2, service: 2 },
  kesehatan: { service: 2 },
  odgj: { service: 3 },
  pemberdayaan_ekonomi: { productive_asset: 2, training: 1.5, cash: 0.3 },
  pendidikan: { cash: 1.5, training: 1.5 },
  kebencanaan: { in_kind: 2, infrastructure: 1.5 },
};

function chooseModality(rng: Random, owner: PlannedOrganisation, issue: string, year: number): Modality {
  // Consumptive aid (cash, goods, one-off services) falls from 55 % of programs starting
  // in 2025 to 35 % in 2030, as partners move from handouts to empowerment.
  const productive = rng.chance(0.45 + 0.04 * (year - FIRST_YEAR));
  const tilt = ISSUE_MODALITY_TILT[issue] ?? {};
  const options: Modality[] = productive
    ? ['productive_asset', 'training', 'infrastructure']
    : ['cash', 'in_kind', 'service'];
  const base = productive ? PRODUCTIVE_BY_TYPE[owner.type] : CONSUMPTIVE_BY_TYPE[owner.type];
  const weights = options.map((m, i) => (at(base, i) + 0.02) * (tilt[m] ?? 1));
  return at(options, rng.weightedIndex(weights));
}
function partnerContribution(
  rng: Random,
  org: PlannedOrganisation,
  budget: number,
  households: number,
): PlannedProgramPartner {
  const sector = SECTOR_OF_TYPE[org.type];
  const money = () => clamp(roundTo(budget * rng.uniform(0.1, 0.5), 1_000_000), 1_000_000, BUDGET_MAX);
  const inKind = () =>
    fillTemplate(rng, rng.pick(IN_KIND_BY_SECTOR[sector] ?? ['dukungan teknis']), households);
  switch (sector) {
    case 'business':
      return rng.chance(0.75)
        ? { orgIndex: org.index, role: 'funder', money: money(), inKind: null }
        : { orgIndex: org.index, role: 'funder', money: null, inKind: inKind() };
    case 'philanthropy':
      return {
        orgIndex: org.index,
        role: 'funder',
        money: money(),
        inKind: rng.chance(0.2) ? inKind() : null,
      };
    case 'government':
      return rng.chance(0.4)
        ? { orgIndex: org.index, role: 'funder', money: money(), inKind: null }
        : { orgIndex: org.index, role: 'technical', money: null, inKind: inKind() };
    case 'university':
      return { orgIndex: org.index, role: 'technical', money: null, inKind: inKind() };
    case 'media':
      return { orgIndex: org.index, role: 'advocacy_media', money: null, inKind: inKind() };
    default:
      return { orgIndex: org.index, role: 'implementer', money: null, inKind: inKind() };
  }
}

/** Splits `total` into integer shares proportional to random weights that add up exactly. */
function splitRandomly(rng: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => rng.uniform(0.3, 1.3));
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let rest = total - shares.reduce((s, v) => s + v, 0);
  // Largest remainders get the leftover units, so the shares still sum to the total.
  const order = exact
    .map((v, i) => [v - Math.floor(v), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    shares[i] = at(shares, i) + 1;
    rest -= 1;
  }
  return shares;
}

const START_YEAR_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [2025, 1],
  [2026, 1.05],
  [2027, 1],
  [2028, 0.9],
  [2029, 0.8],
  [2030, 0.65],
];
const DURATION_MONTHS: ReadonlyArray<readonly [number, number]> = [
  [1, 4],
  [3, 14],
  [6, 24],
  [12, 34],
  [18, 6],
  [24, 11],
  [36, 7],
];
const VILLAGE_COUNT: ReadonlyArray<readonly [number, number]> = [
  [1, 35],
  [2, 22],
  [3, 18],
  [4, 13],
  [5, 12],
];

class Eligibility {
  private readonly cache = new Map<
    string,
    { orgs: PlannedOrganisation[]; table: WeightedTable<PlannedOrganisation> | null }
  >();
  constructor(
    private readonly organisations: readonly PlannedOrganisation[],
    private readonly weight: (org: PlannedOrganisation, areaCode: string) => number,
  ) {}
  /** Organisations whose coverage includes the whole area, drawn by weight. */
  draw(rng: Random, areaCode: string, exclude?: ReadonlySet<number>): PlannedOrganisation | null {
    let entry = this.cache.get(areaCode);
    if (!entry) {
      const orgs = this.organisations.filter(
        (o) => coversArea(o.coverage, areaCode) && this.weight(o, areaCode) > 0,
      );
      entry = { orgs, table: orgs.length ? new WeightedTable(orgs, (o) => this.weight(o, areaCode)) : null };
      this.cache.set(areaCode, entry);
    }
    if (!entry.table) return null;
    if (!exclude || exclude.size === 0) return entry.table.draw(rng);
    // Redraw on an excluded pick (cheap: few are excluded); filter only if that keeps failing.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const org = entry.table.draw(rng);
      if (!exclude.has(org.index)) return org;
    }
    const remaining = entry.orgs.filter((o) => !exclude.has(o.index));
    if (remaining.length === 0) return null;
    return at(remaining, rng.weightedIndex(remaining.map((o) => this.weight(o, areaCode))));
  }
}

function placeLabel(villages: readonly Village[], shape: 'regency' | 'district' | 'villages'): string {
  const first = at(villages, 0);
  if (shape === 'regency') return `di ${first.regency.name}`;
  if (shape === 'district') return `di Kecamatan ${first.district.name}`;
  const districts = [...new Set(villages.map((v) => v.district))];
  const kind = villages.every((v) => v.kind === 'kelurahan') ? 'Kelurahan' : 'Desa';
  if (villages.length === 1) return `di ${kind} ${first.name}`;
  if (districts.length === 1) return `di ${villages.length} ${kind}, Kec. ${first.district.name}`;
  return `di Kec. ${districts.map((d) => d.name).join(' dan ')}`;
}

export function planPrograms(
  geo: Geography,
  organisations: readonly PlannedOrganisation[],
  scale: GenerationScale,
  seed: number,
): PlannedProgram[] {
  const rng = new Random(seed, 'programs');
  const count = SCALE_SIZES[scale].programs;
  const villageTable = new WeightedTable(geo.villages, (v) => v.weight);
  const districtTable = new WeightedTable(geo.districts, (d) => d.weight);
  const regencyTable = new WeightedTable(geo.regencies, (r) => r.weight);
  const owners = new Eligibility(organisations, (o) => o.activity);
  // Wide programs belong to bodies with a mandate over the whole area.
  const wideOwners = new Eligibility(organisations, (o) => o.activity * (o.wideScope ? 3 : 0.3));
  const partnerWeight: Record<string, number> = {
    business: 1.5,
    philanthropy: 1.3,
    government: 1,
    university: 1,
    ngo: 1.1,
    media: 0.6,
  };
  const partners = new Eligibility(organisations, (o) => partnerWeight[SECTOR_OF_TYPE[o.type]] ?? 1);
  const issueWeight = new Map(ISSUE_WEIGHTS);
  const programs: PlannedProgram[] = [];

  for (let index = 0; index < count; index += 1) {
    const key = `${GENERATED_KEY_PREFIX.program}${pad(index + 1, 5)}`;
    // 1. Where: a few kabupaten-wide, some kecamatan-wide, most in 1–5 villages.
    const shapeRoll = rng.next();
    const shape = shapeRoll < 0.015 ? 'regency' : shapeRoll < 0.115 ? 'district' : 'villages';
    let villages: Village[];
    let owner: PlannedOrganisation | null;
    if (shape === 'regency') {
      const regency = regencyTable.draw(rng);
      villages = [...regency.villages];
      owner = wideOwners.draw(rng, regency.code);
    } else if (shape === 'district') {
      const district = districtTable.draw(rng);
      villages = [...district.villages];
      owner = wideOwners.draw(rng, district.code);
    } else {
      const anchor = villageTable.draw(rng);
      owner = owners.draw(rng, anchor.district.code);
      const wanted = rng.weighted(VILLAGE_COUNT);
      const districts = [anchor.district];
      if (owner && wanted > 1 && rng.chance(0.2)) {
        const second = anchor.regency.districts.filter(
          (d) => d !== anchor.district && coversArea(owner?.coverage ?? [], d.code),
        );
        if (second.length) districts.push(at(second, rng.weightedIndex(second.map((d) => d.weight))));
      }
      villages = [anchor];
      const second = districts[1];
      if (second) villages.push(at(second.villages, rng.weightedIndex(second.villages.map((v) => v.weight))));
      const pool = districts.flatMap((d) => d.villages).filter((v) => !villages.includes(v));
      for (const k of rng.weightedSample(
        pool.map((v) => v.weight),
        wanted - villages.length,
      )) {
        villages.push(at(pool, k));
      }
      villages.sort((a, b) => (a.code < b.code ? -1 : 1));
    }
    if (!owner)
      throw new Error(`no organisation covers ${at(villages, 0).code}; the province-wide offices should`);

    // 2. When, and status against the reference date.
    const startYear = rng.weighted(START_YEAR_WEIGHTS);
    const isGovernment = owner.type === 'government';
    const startMonth = isGovernment ? rng.int(1, 7) : rng.int(1, 12);
    const periodStart = isoDate(startYear, startMonth, rng.chance(0.7) ? 1 : rng.int(2, 28));
    const months = rng.weighted(DURATION_MONTHS);
    // Government programs follow the budget year: most end on 31 December.
    let periodEnd =
      isGovernment && months <= 12 && rng.chance(0.7)
        ? isoDate(startYear, 12, 31)
        : addDays(addMonths(periodStart, months), -1);
    periodEnd = minDate(periodEnd, LAST_DAY);

    // 3. What: issues and modality.
    const ownIssues = owner.issues.filter((i) => issueWeight.has(i));
    const mainIssue =
      ownIssues.length && rng.chance(0.75)
        ? at(ownIssues, rng.weightedIndex(ownIssues.map((i) => issueWeight.get(i) ?? 1)))
        : rng.weighted(ISSUE_WEIGHTS);
    const issues = [mainIssue];
    const extra = rng.weighted<number>([
      [0, 60],
      [1, 30],
      [2, 10],
    ]);
    for (let k = 0; k < extra; k += 1) {
      const candidate = rng.chance(0.7)
        ? rng.pick(RELATED_ISSUES[mainIssue] ?? [mainIssue])
        : rng.weighted(ISSUE_WEIGHTS);
      if (!issues.includes(candidate)) issues.push(candidate);
    }
    const modality = chooseModality(rng, owner, mainIssue, startYear);

    // 4. How much, for how many.
    const reach = Math.max(1, villages.length) ** 0.55;
    const budgetRaw = rng.logNormal(BUDGET_MEDIAN[modality] * ownerBudgetFactor(owner) * reach, 0.75);
    const budgetPlanned = clamp(
      budgetRaw >= 50_000_000 && rng.chance(0.5) ? roundTo(budgetRaw, 1_000_000) : roundTo(budgetRaw, 1000),
      BUDGET_MIN,
      BUDGET_MAX,
    );
    const targetHouseholds = clamp(
      Math.round((budgetPlanned / COST_PER_HOUSEHOLD[modality]) * rng.uniform(0.6, 1.4)),
      5,
      villages.length * 600,
    );
    // NTB poor households average 4.1–4.3 people (BPS, March 2024/2025).
    const targetPersons = rng.chance(0.7) ? Math.round(targetHouseholds * rng.uniform(3.6, 4.5)) : null;

    let status: ProgramStatus;
    let plannedAt: string | null = null;
    let startedAt: string | null = null;
    let completedAt: string | null = null;
    let cancelledAt: string | null = null;
    const lead = rng.int(14, 120);
    plannedAt = minDate(addDays(periodStart, -lead), addDays(REFERENCE_DATE, -rng.int(0, 60)));
    if (periodEnd < REFERENCE_DATE) {
      startedAt = periodStart;
      if (rng.chance(0.03)) {
        status = 'cancelled';
        cancelledAt = dayBetween(rng, periodStart, addDays(periodEnd, -1));
      } else {
        status = 'completed';
        completedAt = minDate(addDays(periodEnd, rng.int(0, 20)), REFERENCE_DATE);
      }
    } else if (periodStart <= REFERENCE_DATE) {
      startedAt = periodStart;
      if (rng.chance(0.02)) {
        status = 'cancelled';
        cancelledAt = dayBetween(rng, periodStart, REFERENCE_DATE);
      } else {
        status = 'active';
      }
    } else {
      const roll = rng.next();
      if (roll < 0.06) {
        status = 'draft';
        plannedAt = null;
      } else if (roll < 0.08) {
        status = 'cancelled';
        cancelledAt = dayBetween(rng, plannedAt, REFERENCE_DATE);
      } else {
        status = 'planned';
      }
    }
    const createdAt = plannedAt ?? dayBetween(rng, addDays(REFERENCE_DATE, -90), REFERENCE_DATE);

    // Elapsed share of the period at the reference date (or at cancellation).
    const until = cancelledAt ?? REFERENCE_DATE;
    const elapsed = clamp(
      (toDay(until) - toDay(periodStart)) / Math.max(1, toDay(periodEnd) - toDay(periodStart)),
      0,
      1,
    );
    let budgetRealised: number | null = null;
    let reachedHouseholds: number | null = null;
    if (status === 'completed') {
      budgetRealised = roundTo(budgetPlanned * rng.uniform(0.75, 1.02), 1000);
      reachedHouseholds = Math.round(targetHouseholds * rng.uniform(0.8, 1.05));
    } else if ((status === 'active' && rng.chance(0.75)) || (status === 'cancelled' && startedAt)) {
      budgetRealised = roundTo(budgetPlanned * elapsed * rng.uniform(0.5, 1), 1000);
      reachedHouseholds = Math.round(targetHouseholds * elapsed * rng.uniform(0.5, 1));
    }
    const reachedPersons =
      reachedHouseholds !== null && targetPersons !== null
        ? Math.round((targetPersons * reachedHouseholds) / targetHouseholds)
        : null;

    // 5. Per-village targets for about half, adding up to the program's target.
    const perVillage = rng.chance(0.55);
    const householdShares = perVillage ? splitRandomly(rng, targetHouseholds, villages.length) : null;
    const personShares =
      perVillage && targetPersons !== null ? splitRandomly(rng, targetPersons, villages.length) : null;

    // 6. Partners from organisations working in the same kecamatan.
    const partnerCount = rng.weighted<number>([
      [0, 40],
      [1, 33],
      [2, 19],
      [3, 8],
    ]);
    const taken = new Set([owner.index]);
    const programPartners: PlannedProgramPartner[] = [];
    for (let k = 0; k < partnerCount; k += 1) {
      const partner = partners.draw(rng, at(villages, 0).district.code, taken);
      if (!partner) break;
      taken.add(partner.index);
      programPartners.push(partnerContribution(rng, partner, budgetPlanned, targetHouseholds));
    }

    const endYear = Number(periodEnd.slice(0, 4));
    const phrase = rng.pick(PROGRAM_PHRASES[mainIssue]?.[modality] ?? ['Program Kesejahteraan Sosial']);
    const title = `${phrase} ${placeLabel(villages, shape)} ${endYear > startYear ? `${startYear}–${endYear}` : startYear}`;
    programs.push({
      index,
      id: deterministicUuid(`${seed}/${key}`),
      key,
      ownerIndex: owner.index,
      title: title.length > 300 ? `${title.slice(0, 297)}…` : title,
      description: rng.chance(0.5)
        ? `${phrase} untuk ${targetHouseholds} rumah tangga sasaran (data sintetis, seed ${seed}).`
        : null,
      status,
      plannedAt,
      startedAt,
      completedAt,
      cancelledAt,
      periodStart,
      periodEnd,
      budgetPlanned,
      budgetRealised,
      modality,
      targetHouseholds,
      targetPersons,
      reachedHouseholds,
      reachedPersons,
      createdAt,
      issues,
      villages: villages.map((v, i) => ({
        code: v.code,
        targetHouseholds: householdShares ? at(householdShares, i) : null,
        targetPersons: personShares ? at(personShares, i) : null,
      })),
      partners: programPartners,
      regencyCodes: [...new Set(villages.map((v) => v.regency.code))],
    });
  }
  return programs;
}
