/**
 * Durability of collaboration (docs/partnerships.md): is a partnership a one-off
 * project or a lasting relationship? Pure functions over plain data, so the measures
 * can be tested on hand-made cases with known answers.
 *
 * The unit is the renewal chain: an agreement and every agreement that renews it (or
 * that it renews), because a renewed MoU is one collaboration that lasted, not two.
 * Drafts are not collaborations yet and are left out. Only parties that confirmed take
 * part: an organisation named by someone else counts once it agrees, and an agreement
 * with fewer than two confirmed parties is not a collaboration yet either.
 */
import type { PartnershipStatus } from '../../../shared/programs.ts';
import { type OrganisationType, SECTOR_OF_TYPE } from '../../../shared/roles.ts';

export interface Agreement {
  id: string;
  renewsId: string | null;
  status: PartnershipStatus;
  signedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  terminatedOn: string | null;
  /** `confirmed`: the organisation agreed to be a party (an invited or declined one did not). */
  parties: Array<{ organisationId: string; type: OrganisationType; confirmed: boolean }>;
  programIds: string[];
}

export interface LinkedProgram {
  id: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  villageCodes: string[];
}

export interface ChainDurability {
  ageYears: number;
  renewals: number;
  repeatVillages: number;
  sameVillagesAcrossYears: boolean;
  linkedPrograms: number;
  sectors: string[];
  longTerm: boolean;
}

/** Three years or more, or renewed at least once, counts as long-term (the strategy's definition). */
export const LONG_TERM_YEARS = 3;

const DAY = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);

const confirmedParties = (a: Agreement) => a.parties.filter((p) => p.confirmed);

/** A collaboration: signed or later, between at least two organisations that confirmed. */
export function isCollaboration(a: Agreement): boolean {
  return a.status !== 'draft' && confirmedParties(a).length >= 2;
}

/** Groups collaborations into renewal chains (connected through `renewsId`), each sorted oldest first. */
export function renewalChains(agreements: readonly Agreement[]): Agreement[][] {
  const live = agreements.filter(isCollaboration);
  const byId = new Map(live.map((a) => [a.id, a]));
  const root = (a: Agreement): string => {
    const seen = new Set<string>();
    let current = a;
    // Bounded walk: a corrupt loop in the data ends at the first repeat.
    while (current.renewsId && byId.has(current.renewsId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.renewsId) as Agreement;
    }
    return current.id;
  };
  const chains = new Map<string, Agreement[]>();
  for (const a of live) {
    const key = root(a);
    const chain = chains.get(key);
    if (chain) chain.push(a);
    else chains.set(key, [a]);
  }
  return [...chains.values()].map((chain) => chain.sort((x, y) => startOf(x).localeCompare(startOf(y))));
}

function startOf(a: Agreement): string {
  return a.startsOn ?? a.signedOn ?? '9999-12-31';
}

/** When an agreement stopped (or `today` if it still runs). */
function endOf(a: Agreement, today: string): string {
  const end = a.terminatedOn ?? a.endsOn ?? today;
  return end < today ? end : today;
}

export function chainDurability(
  chain: readonly Agreement[],
  programs: ReadonlyMap<string, LinkedProgram>,
  today: string,
): ChainDurability {
  const starts = chain.map(startOf).filter((d) => d !== '9999-12-31');
  // ISO dates sort as text: the earliest start, and the latest end.
  const first = starts.length ? ([...starts].sort()[0] as string) : null;
  const last = [first ?? today, ...chain.map((a) => endOf(a, today))].sort().at(-1) as string;
  const ageYears = first
    ? Math.max(0, Math.round(((toTime(last) - toTime(first)) / DAY / 365.25) * 10) / 10)
    : 0;
  const renewals = Math.max(0, chain.length - 1);

  const programIds = new Set(chain.flatMap((a) => a.programIds));
  const yearsByVillage = new Map<string, Set<number>>();
  for (const id of programIds) {
    const p = programs.get(id);
    // A draft or cancelled program is not work done together in a village.
    if (!p || p.status === 'draft' || p.status === 'cancelled') continue;
    const from = Number(p.periodStart.slice(0, 4));
    const to = Number(p.periodEnd.slice(0, 4));
    for (const village of p.villageCodes) {
      const years = yearsByVillage.get(village) ?? new Set<number>();
      for (let y = from; y <= to; y++) years.add(y);
      yearsByVillage.set(village, years);
    }
  }
  const repeatVillages = [...yearsByVillage.values()].filter((years) => years.size >= 2).length;
  const sectors = [
    ...new Set(chain.flatMap((a) => confirmedParties(a).map((p) => SECTOR_OF_TYPE[p.type]))),
  ].sort();
  return {
    ageYears,
    renewals,
    repeatVillages,
    sameVillagesAcrossYears: repeatVillages > 0,
    linkedPrograms: programIds.size,
    sectors,
    longTerm: ageYears >= LONG_TERM_YEARS || renewals >= 1,
  };
}

/** An agreement's measures (its chain's) and the ids of that chain, oldest first. */
export type AgreementDurability = ChainDurability & { chain: string[] };

/** For an agreement created after the graph was read (a concurrent write): no measures yet. */
export const NO_DURABILITY: AgreementDurability = {
  ageYears: 0,
  renewals: 0,
  repeatVillages: 0,
  sameVillagesAcrossYears: false,
  linkedPrograms: 0,
  sectors: [],
  longTerm: false,
  chain: [],
};

/** Durability of the chain each agreement belongs to, by agreement id (drafts: their own one-agreement measures). */
export function durabilityByAgreement(
  graph: { agreements: readonly Agreement[]; programs: ReadonlyMap<string, LinkedProgram> },
  today: string,
): Map<string, AgreementDurability> {
  const result = new Map<string, AgreementDurability>();
  for (const chain of renewalChains(graph.agreements)) {
    const measures = { ...chainDurability(chain, graph.programs, today), chain: chain.map((a) => a.id) };
    for (const a of chain) result.set(a.id, measures);
  }
  for (const a of graph.agreements) {
    if (!result.has(a.id)) {
      result.set(a.id, {
        ...chainDurability([{ ...a }], graph.programs, today),
        chain: [a.id],
      });
    }
  }
  return result;
}

export interface OrganisationDurability {
  collaborations: number;
  longTerm: number;
  oneOff: number;
  longTermShare: number | null;
  averageAgeYears: number | null;
  renewals: number;
  linkedPrograms: number;
  partnerSectors: string[];
}

/**
 * The organisation's collaborations: the chains where it is a confirmed party to any agreement.
 * With `seen` (the organisation's agreements a reader may see), only chains holding one of them
 * count, each with the measures its agreements' detail shows: a collaboration hidden from the
 * reader (outside their area) is not counted, as it is not listed.
 */
export function organisationDurability(
  organisationId: string,
  agreements: readonly Agreement[],
  programs: ReadonlyMap<string, LinkedProgram>,
  today: string,
  seen?: ReadonlySet<string>,
): OrganisationDurability {
  const chains = renewalChains(agreements).filter(
    (chain) =>
      chain.some((a) => confirmedParties(a).some((p) => p.organisationId === organisationId)) &&
      (seen === undefined || chain.some((a) => seen.has(a.id))),
  );
  const measures = chains.map((chain) => chainDurability(chain, programs, today));
  const longTerm = measures.filter((m) => m.longTerm).length;
  const linked = new Set(chains.flat().flatMap((a) => a.programIds));
  const partnerSectors = new Set(
    chains
      .flat()
      .flatMap((a) => confirmedParties(a).filter((p) => p.organisationId !== organisationId))
      .map((p) => SECTOR_OF_TYPE[p.type]),
  );
  return {
    collaborations: chains.length,
    longTerm,
    oneOff: chains.length - longTerm,
    longTermShare: chains.length ? longTerm / chains.length : null,
    averageAgeYears: measures.length
      ? Math.round((measures.reduce((sum, m) => sum + m.ageYears, 0) / measures.length) * 10) / 10
      : null,
    renewals: measures.reduce((sum, m) => sum + m.renewals, 0),
    linkedPrograms: linked.size,
    partnerSectors: [...partnerSectors].sort(),
  };
}
