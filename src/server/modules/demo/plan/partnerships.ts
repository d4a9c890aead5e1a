import type { AgreementType, PartnershipStatus, PartyRole } from '../../../../shared/programs.ts';
import { SECTOR_OF_TYPE } from '../../../../shared/roles.ts';
import {
  EXPERTISE_BY_SECTOR,
  IN_KIND_BY_SECTOR,
  ISSUE_WEIGHTS,
  PARTNERSHIP_THEMES,
  REFERENCE_DATE,
} from '../ntb-scale-data.ts';
import { deterministicUuid, Random } from '../prng.ts';
import { type Geography, touchesRegency } from './geography.ts';
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
  monthsBetween,
  pad,
  ROMAN_MONTHS,
  roundTo,
  WeightedTable,
} from './helpers.ts';
import {
  GENERATED_KEY_PREFIX,
  type GenerationScale,
  type PlannedOrganisation,
  type PlannedPartnership,
  type PlannedParty,
  type PlannedProgram,
  SCALE_SIZES,
} from './types.ts';

/** Plans the partnerships: parties, commitments, agreements, renewals and linked programs. */
const AGREEMENT_WEIGHTS: ReadonlyArray<readonly [AgreementType, number]> = [
  ['mou', 35],
  ['pks', 35],
  ['commitment_letter', 15],
  ['informal', 15],
];
const AGREEMENT_MONTHS: Record<AgreementType, ReadonlyArray<readonly [number, number]>> = {
  mou: [
    [24, 3],
    [36, 4],
    [60, 2],
  ],
  pks: [
    [12, 4],
    [24, 4],
    [36, 1],
  ],
  commitment_letter: [
    [12, 3],
    [24, 1],
  ],
  informal: [
    [6, 2],
    [12, 3],
    [24, 1],
  ],
};
/** Agreements are registered when they are made: few new ones lie years ahead of the reference date. */
const PARTNERSHIP_START_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [2025, 1.6],
  [2026, 1.5],
  [2027, 0.35],
  [2028, 0.15],
  [2029, 0.06],
  [2030, 0.02],
];
const RENEWAL_HORIZON = addDays(REFERENCE_DATE, 180);
const PARTY_COUNT: ReadonlyArray<readonly [number, number]> = [
  [2, 35],
  [3, 30],
  [4, 22],
  [5, 13],
];

function partyRole(org: PlannedOrganisation): PartyRole {
  switch (SECTOR_OF_TYPE[org.type]) {
    case 'government':
      return 'government_counterpart';
    case 'business':
    case 'philanthropy':
      return 'funder';
    case 'university':
      return 'technical';
    case 'media':
      return 'advocacy_media';
    default:
      return 'implementer';
  }
}

function partyCommitment(
  rng: Random,
  org: PlannedOrganisation,
  role: PartyRole,
  months: number,
): PlannedParty {
  const sector = SECTOR_OF_TYPE[org.type];
  const money = () =>
    clamp(
      roundTo(rng.logNormal(150_000_000 * Math.max(1, months / 12), 0.8), 1_000_000),
      25_000_000,
      10_000_000_000,
    );
  const inKind = () => fillTemplate(rng, rng.pick(IN_KIND_BY_SECTOR[sector] ?? ['dukungan logistik']), 200);
  const expertise = () => rng.pick(EXPERTISE_BY_SECTOR[sector] ?? ['pendampingan teknis']);
  const party: PlannedParty = {
    orgIndex: org.index,
    role,
    money: null,
    inKind: null,
    expertise: null,
    months: rng.chance(0.2) ? Math.max(1, Math.round(months / 2)) : months,
  };
  switch (sector) {
    case 'business':
    case 'philanthropy':
      if (rng.chance(0.8)) party.money = money();
      if (!party.money || rng.chance(0.35)) party.inKind = inKind();
      break;
    case 'government':
      party.expertise = expertise();
      if (rng.chance(0.3)) party.money = money();
      break;
    case 'university':
      party.expertise = expertise();
      if (rng.chance(0.5)) party.inKind = inKind();
      break;
    case 'media':
      party.inKind = inKind();
      break;
    default:
      if (rng.chance(0.6)) party.inKind = inKind();
      if (!party.inKind || rng.chance(0.5)) party.expertise = expertise();
  }
  return party;
}

function agreementNumber(rng: Random, type: AgreementType, index: number, startsOn: string): string | null {
  const year = startsOn.slice(0, 4);
  const month = at(ROMAN_MONTHS, Number(startsOn.slice(5, 7)) - 1);
  switch (type) {
    case 'mou':
      return `${pad(rng.int(1, 400), 3)}/MoU-LKKS/${month}/${year}`;
    case 'pks':
      return `PKS.${pad(index + 1, 4)}/${pad(rng.int(1, 99), 2)}/${month}/${year}`;
    case 'commitment_letter':
      return `${pad(rng.int(1, 300), 3)}/SPK/${month}/${year}`;
    default:
      return null;
  }
}

export function planPartnerships(
  geo: Geography,
  organisations: readonly PlannedOrganisation[],
  programs: readonly PlannedProgram[],
  scale: GenerationScale,
  seed: number,
): PlannedPartnership[] {
  const rng = new Random(seed, 'partnerships');
  const count = SCALE_SIZES[scale].partnerships;
  const regencyTable = new WeightedTable(geo.regencies, (r) => r.weight);
  const programsOf = new Map<number, number[]>();
  for (const program of programs) {
    for (const orgIndex of [program.ownerIndex, ...program.partners.map((p) => p.orgIndex)]) {
      const list = programsOf.get(orgIndex) ?? [];
      list.push(program.index);
      programsOf.set(orgIndex, list);
    }
  }
  const leadWeight: Record<string, number> = {
    government: 3,
    business: 2.5,
    philanthropy: 2,
    ngo: 1,
    university: 0.8,
    media: 0.2,
  };
  const partyWeight: Record<string, number> = {
    government: 1.2,
    business: 1.3,
    philanthropy: 1.2,
    ngo: 1.2,
    university: 1,
    media: 0.6,
  };
  const partnerships: PlannedPartnership[] = [];
  const renewed = new Set<number>();

  for (let index = 0; index < count; index += 1) {
    const key = `${GENERATED_KEY_PREFIX.partnership}${pad(index + 1, 4)}`;
    // About a quarter renew an earlier agreement that ran its course (not a terminated one)
    // or ends within six months of the reference date, when renewals are negotiated.
    const renewable = partnerships.filter(
      (p) =>
        !renewed.has(p.index) &&
        (p.status === 'active' || p.status === 'expired') &&
        p.endsOn <= RENEWAL_HORIZON,
    );
    const prior = renewable.length > 0 && rng.chance(0.4) ? rng.pick(renewable) : null;

    let regencyCode: string;
    let issue: string;
    let agreementType: AgreementType;
    let startsOn: string;
    let partyOrgs: PlannedOrganisation[];
    if (prior) {
      renewed.add(prior.index);
      regencyCode = prior.regencyCode;
      issue = prior.issue;
      const lead = at(organisations, prior.leadIndex);
      const kept = prior.parties
        .map((p) => at(organisations, p.orgIndex))
        .filter((o) => o === lead || rng.chance(0.8));
      if (kept.length < 2) {
        const back = prior.parties.map((p) => at(organisations, p.orgIndex)).find((o) => !kept.includes(o));
        if (back) kept.push(back);
      }
      partyOrgs = kept;
      if (partyOrgs.length < 5 && rng.chance(0.3)) {
        const candidates = organisations.filter(
          (o) => touchesRegency(o.coverage, regencyCode) && !partyOrgs.includes(o),
        );
        if (candidates.length) {
          partyOrgs.push(
            at(
              candidates,
              rng.weightedIndex(candidates.map((o) => partyWeight[SECTOR_OF_TYPE[o.type]] ?? 1)),
            ),
          );
        }
      }
      agreementType =
        prior.agreementType === 'informal' || prior.agreementType === 'commitment_letter'
          ? rng.chance(0.6)
            ? rng.pick(['mou', 'pks'] as const)
            : prior.agreementType
          : prior.agreementType === 'mou' && rng.chance(0.4)
            ? 'pks'
            : prior.agreementType;
      // A renewal starts the day after the agreement it renews ends.
      startsOn = addDays(prior.endsOn, 1);
    } else {
      const regency = regencyTable.draw(rng);
      regencyCode = regency.code;
      const candidates = organisations.filter((o) => touchesRegency(o.coverage, regencyCode));
      const lead = at(
        candidates,
        rng.weightedIndex(candidates.map((o) => (leadWeight[SECTOR_OF_TYPE[o.type]] ?? 1) * o.activity)),
      );
      partyOrgs = [lead];
      const wanted = rng.weighted(PARTY_COUNT);
      while (partyOrgs.length < wanted) {
        const sectors = new Set(partyOrgs.map((o) => SECTOR_OF_TYPE[o.type]));
        const rest = candidates.filter((o) => !partyOrgs.includes(o));
        if (rest.length === 0) break;
        // Multi-sector by design: a sector not yet at the table weighs six times more.
        const weights = rest.map(
          (o) => (partyWeight[SECTOR_OF_TYPE[o.type]] ?? 1) * (sectors.has(SECTOR_OF_TYPE[o.type]) ? 0.5 : 3),
        );
        partyOrgs.push(at(rest, rng.weightedIndex(weights)));
      }
      issue = lead.issues.length && rng.chance(0.7) ? rng.pick(lead.issues) : rng.weighted(ISSUE_WEIGHTS);
      agreementType = rng.weighted(AGREEMENT_WEIGHTS);
      const year = rng.weighted(PARTNERSHIP_START_WEIGHTS);
      startsOn = isoDate(year, rng.int(1, 12), rng.chance(0.6) ? 1 : rng.int(2, 28));
    }
    // Multi-sector by definition: with one sector at the table, bring in another
    // (a party the renewal dropped first, else any organisation working in the kabupaten).
    const leadSector = SECTOR_OF_TYPE[at(partyOrgs, 0).type];
    if (partyOrgs.every((o) => SECTOR_OF_TYPE[o.type] === leadSector)) {
      const dropped = (prior?.parties ?? []).map((p) => at(organisations, p.orgIndex));
      const other =
        dropped.find((o) => SECTOR_OF_TYPE[o.type] !== leadSector) ??
        organisations.find(
          (o) => SECTOR_OF_TYPE[o.type] !== leadSector && touchesRegency(o.coverage, regencyCode),
        );
      if (other) {
        if (partyOrgs.length < 5) partyOrgs.push(other);
        else partyOrgs[partyOrgs.length - 1] = other;
      }
    }
    const endsOn = minDate(
      addDays(addMonths(startsOn, rng.weighted(AGREEMENT_MONTHS[agreementType])), -1),
      LAST_DAY,
    );
    const months = monthsBetween(startsOn, endsOn);

    // Lifecycle against the reference date.
    let status: PartnershipStatus;
    let signedOn: string | null = agreementType === 'informal' ? null : addDays(startsOn, -rng.int(0, 45));
    let terminatedOn: string | null = null;
    if (startsOn > REFERENCE_DATE) {
      // Agreements starting within six months are mostly signed already (renewals are
      // negotiated before the old one ends); those further out are still being drafted.
      if (signedOn !== null && startsOn <= RENEWAL_HORIZON && rng.chance(0.7)) {
        status = 'signed';
        signedOn = minDate(signedOn, dayBetween(rng, addDays(REFERENCE_DATE, -60), REFERENCE_DATE));
      } else {
        status = 'draft';
        signedOn = null;
      }
    } else if (endsOn >= REFERENCE_DATE) {
      status = 'active';
      if (rng.chance(0.05)) {
        status = 'terminated';
        terminatedOn = dayBetween(rng, startsOn, REFERENCE_DATE);
      }
    } else {
      status = 'expired';
      if (rng.chance(0.06)) {
        status = 'terminated';
        terminatedOn = dayBetween(rng, startsOn, addDays(endsOn, -1));
      }
    }

    const lead = at(partyOrgs, 0);
    const parties = partyOrgs.map((org, k) =>
      partyCommitment(rng, org, k === 0 ? 'lead' : partyRole(org), months),
    );

    // Linked programs: the parties' own programs in this kabupaten during the agreement,
    // preferring villages where two or more parties already work.
    const partySet = new Set(partyOrgs.map((o) => o.index));
    const overlapping = (p: PlannedProgram) =>
      p.periodStart <= (terminatedOn ?? endsOn) && p.periodEnd >= startsOn && p.status !== 'draft';
    const candidateIndices = [...new Set(partyOrgs.flatMap((o) => programsOf.get(o.index) ?? []))]
      .sort((a, b) => a - b)
      .map((i) => at(programs, i))
      .filter((p) => overlapping(p) && p.regencyCodes.includes(regencyCode));
    const villagesOfParty = new Map<number, Set<string>>();
    for (const p of candidateIndices) {
      for (const orgIndex of [p.ownerIndex, ...p.partners.map((x) => x.orgIndex)]) {
        if (!partySet.has(orgIndex)) continue;
        const set = villagesOfParty.get(orgIndex) ?? new Set<string>();
        for (const v of p.villages) set.add(v.code);
        villagesOfParty.set(orgIndex, set);
      }
    }
    const villageParties = new Map<string, number>();
    for (const set of villagesOfParty.values()) {
      for (const code of set) villageParties.set(code, (villageParties.get(code) ?? 0) + 1);
    }
    const priorVillages = new Set(
      (prior?.programIndices ?? []).flatMap((i) => at(programs, i).villages.map((v) => v.code)),
    );
    const score = (p: PlannedProgram) => {
      const involved = [p.ownerIndex, ...p.partners.map((x) => x.orgIndex)].filter((o) =>
        partySet.has(o),
      ).length;
      const shared = p.villages.some((v) => (villageParties.get(v.code) ?? 0) >= 2);
      // A renewal carries on where the agreement it renews worked: the same villages in later years.
      const continued = p.villages.some((v) => priorVillages.has(v.code));
      return 1 + (shared ? 3 : 0) + (involved >= 2 ? 2 : 0) + (continued ? 3 : 0);
    };
    const wantedPrograms = rng.weighted<number>([
      [0, 10],
      [1, 25],
      [2, 25],
      [3, 18],
      [4, 12],
      [6, 10],
    ]);
    const programIndices = rng
      .weightedSample(candidateIndices.map(score), wantedPrograms)
      .map((k) => at(candidateIndices, k).index)
      .sort((a, b) => a - b);

    const regency = geo.regencyByCode.get(regencyCode);
    const theme = PARTNERSHIP_THEMES[issue] ?? 'Kesejahteraan Sosial';
    const startYear = startsOn.slice(0, 4);
    const endYear = endsOn.slice(0, 4);
    const years = startYear === endYear ? startYear : `${startYear}–${endYear}`;
    partnerships.push({
      index,
      id: deterministicUuid(`${seed}/${key}`),
      key,
      title: `Kemitraan ${theme} ${regency?.short ?? regencyCode} ${years}${prior ? ' (perpanjangan)' : ''}`,
      description: `Kerja sama ${partyOrgs.length} pihak dari ${new Set(partyOrgs.map((o) => SECTOR_OF_TYPE[o.type])).size} sektor (data sintetis, seed ${seed}).`,
      agreementType,
      agreementNumber: agreementNumber(rng, agreementType, index, startsOn),
      status,
      signedOn,
      startsOn,
      endsOn,
      terminatedOn,
      renewsIndex: prior?.index ?? null,
      leadIndex: lead.index,
      regencyCode,
      issue,
      createdAt: minDate(signedOn ?? addDays(startsOn, -rng.int(10, 60)), REFERENCE_DATE),
      parties,
      programIndices,
    });
  }
  return partnerships;
}
