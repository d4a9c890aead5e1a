/**
 * Durability measures on hand-made cases whose answers were worked out by hand
 * (docs/partnerships.md explains each rule).
 */
import { describe, expect, it } from 'vitest';
import {
  type Agreement,
  chainDurability,
  type LinkedProgram,
  organisationDurability,
  renewalChains,
} from './durability.ts';

const TODAY = '2026-11-28';
const PEMDA = { organisationId: 'pemda', type: 'government' as const, confirmed: true };
const BANK = { organisationId: 'bank', type: 'bumn_bumd' as const, confirmed: true };
const BAZNAS = { organisationId: 'baznas', type: 'philanthropy' as const, confirmed: true };
const UNRAM = { organisationId: 'unram', type: 'university' as const, confirmed: true };
const LSM = { organisationId: 'lsm', type: 'ngo' as const, confirmed: true };

function agreement(id: string, fields: Partial<Agreement>): Agreement {
  return {
    id,
    renewsId: null,
    status: 'active',
    signedOn: null,
    startsOn: null,
    endsOn: null,
    terminatedOn: null,
    parties: [PEMDA, BANK],
    programIds: [],
    ...fields,
  };
}

function program(
  id: string,
  periodStart: string,
  periodEnd: string,
  villageCodes: string[],
  status = 'completed',
) {
  return [id, { id, status, periodStart, periodEnd, villageCodes }] as const;
}

describe('renewal chains', () => {
  it('joins an MoU and its two renewals into one chain, oldest first, leaving drafts and strangers out', () => {
    const agreements = [
      agreement('c', { renewsId: 'b', startsOn: '2025-01-01' }),
      agreement('a', { startsOn: '2021-01-01', status: 'expired' }),
      agreement('b', { renewsId: 'a', startsOn: '2023-01-01', status: 'expired' }),
      agreement('other', { startsOn: '2024-05-01', parties: [BAZNAS, LSM] }),
      agreement('draft', { status: 'draft', renewsId: 'c' }),
    ];
    const chains = renewalChains(agreements).map((chain) => chain.map((a) => a.id));
    expect(chains).toEqual(expect.arrayContaining([['a', 'b', 'c'], ['other']]));
    expect(chains).toHaveLength(2);
  });

  it('survives a corrupt renewal loop without hanging', () => {
    const agreements = [agreement('x', { renewsId: 'y' }), agreement('y', { renewsId: 'x' })];
    expect(
      renewalChains(agreements)
        .flat()
        .map((a) => a.id)
        .sort(),
    ).toEqual(['x', 'y']);
  });
});

describe('chain durability', () => {
  it('a one-year CSR project is one-off: age 1.0, no renewal, two sectors', () => {
    const chain = [
      agreement('p', {
        startsOn: '2024-01-01',
        endsOn: '2024-12-31',
        status: 'expired',
        parties: [PEMDA, BANK],
      }),
    ];
    expect(chainDurability(chain, new Map(), TODAY)).toEqual({
      ageYears: 1,
      renewals: 0,
      repeatVillages: 0,
      sameVillagesAcrossYears: false,
      linkedPrograms: 0,
      sectors: ['business', 'government'],
      longTerm: false,
    });
  });

  it('a renewed two-year PKS is long-term even though it is under three years old', () => {
    const chain = renewalChains([
      agreement('first', { startsOn: '2025-01-01', endsOn: '2025-12-31', status: 'expired' }),
      agreement('renewal', { renewsId: 'first', startsOn: '2026-01-01', endsOn: '2027-12-31' }),
    ])[0] as Agreement[];
    const measures = chainDurability(chain, new Map(), TODAY);
    // 2025-01-01 → today (2026-11-28): 696 days / 365.25 = 1.9 years.
    expect(measures.ageYears).toBe(1.9);
    expect(measures.renewals).toBe(1);
    expect(measures.longTerm).toBe(true);
  });

  it('an unrenewed MoU running since 2022 is long-term by age (4.9 years), counted up to today, not its end date', () => {
    const chain = [
      agreement('mou', { startsOn: '2022-01-01', endsOn: '2030-12-31', parties: [PEMDA, BAZNAS, UNRAM] }),
    ];
    const measures = chainDurability(chain, new Map(), TODAY);
    expect(measures.ageYears).toBe(4.9);
    expect(measures.longTerm).toBe(true);
    expect(measures.sectors).toEqual(['government', 'philanthropy', 'university']);
  });

  it('a terminated agreement stops ageing on its termination date', () => {
    const chain = [
      agreement('t', {
        startsOn: '2020-01-01',
        endsOn: '2030-01-01',
        terminatedOn: '2022-07-02',
        status: 'terminated',
      }),
    ];
    // 2020-01-01 → 2022-07-02: 913 days / 365.25 = 2.5 years.
    expect(chainDurability(chain, new Map(), TODAY)).toMatchObject({ ageYears: 2.5, longTerm: false });
  });

  it('counts villages where the chain’s programs worked in two or more different years', () => {
    const programs = new Map<string, LinkedProgram>([
      // Pijot in 2025 and again in 2026 (two programs) → repeat; Sukadana only 2025 → not.
      program('p2025', '2025-03-01', '2025-12-31', ['52.03.01.2002', '52.02.05.2001']),
      program('p2026', '2026-02-01', '2026-10-31', ['52.03.01.2002']),
      // One program spanning 2025–2026 in Kotaraja → repeat on its own.
      program('span', '2025-07-01', '2026-06-30', ['52.03.10.2001']),
      // A cancelled program does not count as working together.
      program('cancelled', '2024-01-01', '2024-12-31', ['52.02.05.2001'], 'cancelled'),
    ]);
    const chain = [
      agreement('k', { startsOn: '2025-01-01', programIds: ['p2025', 'p2026', 'span', 'cancelled'] }),
    ];
    const measures = chainDurability(chain, programs, TODAY);
    expect(measures.repeatVillages).toBe(2);
    expect(measures.sameVillagesAcrossYears).toBe(true);
    expect(measures.linkedPrograms).toBe(4);
  });

  it('an agreement without any date has age 0', () => {
    expect(chainDurability([agreement('informal', { status: 'active' })], new Map(), TODAY).ageYears).toBe(0);
  });
});

describe('organisation durability', () => {
  it('shares of long-term vs one-off collaborations, renewals, programs and partner sectors', () => {
    const agreements = [
      // Chain 1 (long-term by renewal): bank + pemda, 2023 → renewed 2025.
      agreement('a1', { startsOn: '2023-01-01', endsOn: '2024-12-31', status: 'expired', programIds: ['x'] }),
      agreement('a2', { renewsId: 'a1', startsOn: '2025-01-01', endsOn: '2026-12-31', programIds: ['y'] }),
      // Chain 2 (one-off): bank + LSM, 2026 only.
      agreement('b1', { startsOn: '2026-01-01', endsOn: '2026-12-31', parties: [BANK, LSM] }),
      // Chain 3 (long-term by age): bank + Baznas + Unram since 2020.
      agreement('c1', { startsOn: '2020-06-01', parties: [BANK, BAZNAS, UNRAM], programIds: ['x'] }),
      // Not the bank's: left out.
      agreement('d1', { startsOn: '2019-01-01', parties: [PEMDA, LSM] }),
      // A draft is not a collaboration yet.
      agreement('e1', { status: 'draft', startsOn: '2026-01-01', parties: [BANK, PEMDA] }),
    ];
    const result = organisationDurability('bank', agreements, new Map(), TODAY);
    expect(result.collaborations).toBe(3);
    expect(result.longTerm).toBe(2);
    expect(result.oneOff).toBe(1);
    expect(result.longTermShare).toBeCloseTo(2 / 3, 10);
    expect(result.renewals).toBe(1);
    // Distinct programs across its chains: x (twice) and y.
    expect(result.linkedPrograms).toBe(2);
    expect(result.partnerSectors).toEqual(['government', 'ngo', 'philanthropy', 'university']);
    // Ages: chain 1 2023-01-01→today 3.9; chain 2 2026-01-01→today 0.9; chain 3 2020-06-01→today 6.5.
    expect(result.averageAgeYears).toBe(Math.round(((3.9 + 0.9 + 6.5) / 3) * 10) / 10);
  });

  it('an organisation without partnerships has no share rather than 0 %', () => {
    expect(organisationDurability('nobody', [], new Map(), TODAY)).toMatchObject({
      collaborations: 0,
      longTermShare: null,
      averageAgeYears: null,
    });
  });

  it('leaves out parties that have not confirmed, and agreements with fewer than two confirmed parties', () => {
    const invited = <T extends { confirmed: boolean }>(party: T): T => ({ ...party, confirmed: false });
    const agreements = [
      // Bank and Pemda confirmed; Baznas was named but has not confirmed (or declined).
      agreement('a1', { startsOn: '2020-01-01', parties: [BANK, PEMDA, invited(BAZNAS)], programIds: ['x'] }),
      // Only the bank confirmed: not a collaboration yet, for anyone.
      agreement('b1', { startsOn: '2018-01-01', parties: [BANK, invited(LSM)] }),
    ];
    expect(renewalChains(agreements).map((chain) => chain.map((a) => a.id))).toEqual([['a1']]);
    expect(chainDurability(agreements.slice(0, 1), new Map(), TODAY).sectors).toEqual([
      'business',
      'government',
    ]);
    expect(organisationDurability('bank', agreements, new Map(), TODAY)).toMatchObject({
      collaborations: 1,
      linkedPrograms: 1,
      partnerSectors: ['government'],
    });
    // The invited organisations have no collaborations until they confirm.
    for (const id of ['baznas', 'lsm'])
      expect(organisationDurability(id, agreements, new Map(), TODAY).collaborations, id).toBe(0);
    const confirmed = agreements.map((a) => ({
      ...a,
      parties: a.parties.map((p) => ({ ...p, confirmed: true })),
    }));
    expect(organisationDurability('baznas', confirmed, new Map(), TODAY).collaborations).toBe(1);
    expect(organisationDurability('bank', confirmed, new Map(), TODAY).collaborations).toBe(2);
  });
});
