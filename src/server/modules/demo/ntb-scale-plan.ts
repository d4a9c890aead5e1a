/**
 * Plans the synthetic NTB-scale dataset in memory: organisations, programs and
 * partnerships with every id, key, date and amount decided, from the areas of the
 * province and a seed alone. No clock, no database: the same areas and seed give the
 * same plan, byte for byte. ntb-scale.ts writes it; docs/synthetic-data.md explains
 * the volumes and distributions.
 */
import { normalizeAreaName } from '../../../shared/area-code.ts';
import type {
  AgreementType,
  Modality,
  PartnerRole,
  PartnershipStatus,
  PartyRole,
  ProgramStatus,
} from '../../../shared/programs.ts';
import { type OfferKind, type OrganisationType, SECTOR_OF_TYPE } from '../../../shared/roles.ts';
import {
  BUMD_FORMS,
  BUMN_LINES,
  COMPANY_PREFIXES,
  COMPANY_SECTORS,
  COMPANY_SUFFIXES,
  type CompanySector,
  EXPERTISE_BY_SECTOR,
  FIRST_YEAR,
  type GovernmentOffice,
  IN_KIND_BY_SECTOR,
  ISSUE_WEIGHTS,
  KABUPATEN_POVERTY,
  LAST_YEAR,
  LAZ_NAMES,
  MEDIA_FORMS,
  MEDIA_WORDS,
  NAME_FIRST,
  NGO_FOCUS,
  NGO_FORMS,
  PARTNERSHIP_THEMES,
  PLACE_WORDS,
  PROGRAM_PHRASES,
  PROVINCE_OFFICES,
  REFERENCE_DATE,
  REGENCY_OFFICES,
  RELATED_ISSUES,
  UNIVERSITY_FORMS,
  UNIVERSITY_WORDS,
} from './ntb-scale-data.ts';
import { deterministicUuid, Random } from './prng.ts';

export type GenerationScale = 'demo' | 'ntb' | 'ntb4';
/** Smallest first: loading a later scale over an earlier one is an upgrade (ntb-scale.ts). */
export const GENERATION_SCALES: readonly GenerationScale[] = ['demo', 'ntb', 'ntb4'];
export const DEFAULT_SEED = 2025;

/**
 * Target volumes. The demo slice keeps `npm start` on an empty folder fast; ntb4 is a
 * synthetic 4× set for measuring how costs grow with the data (4× the programs and
 * partnerships on the same villages, twice the organisations: see docs/synthetic-data.md).
 */
export const SCALE_SIZES: Record<
  GenerationScale,
  { organisations: number; programs: number; partnerships: number }
> = {
  demo: { organisations: 60, programs: 600, partnerships: 30 },
  ntb: { organisations: 600, programs: 12_000, partnerships: 400 },
  ntb4: { organisations: 1_200, programs: 48_000, partnerships: 1_600 },
};

/** How the organisations split by kind, per scale; NGOs take whatever is left. */
const ORGANISATION_MIX: Record<
  GenerationScale,
  {
    provinceOffices: number;
    officesPerRegency: number;
    baznasRegencies: number;
    laz: number;
    foundations: number;
    bumn: number;
    bumd: number;
    companies: number;
    universities: number;
    media: number;
  }
> = {
  demo: {
    provinceOffices: 3,
    officesPerRegency: 1,
    baznasRegencies: 3,
    laz: 1,
    foundations: 2,
    bumn: 3,
    bumd: 1,
    companies: 12,
    universities: 3,
    media: 4,
  },
  ntb: {
    provinceOffices: 12,
    officesPerRegency: 8,
    baznasRegencies: 10,
    laz: 12,
    foundations: 22,
    bumn: 26,
    bumd: 14,
    companies: 130,
    universities: 25,
    media: 38,
  },
  // The province's offices, BAZNAS and state enterprises are as many as its administration
  // has, so they stay; the bodies a province has more of as it is registered more fully
  // (LAZ, foundations, companies, campuses, media, NGOs) roughly double.
  ntb4: {
    provinceOffices: 12,
    officesPerRegency: 8,
    baznasRegencies: 10,
    laz: 20,
    foundations: 44,
    bumn: 26,
    bumd: 20,
    companies: 300,
    universities: 40,
    media: 60,
  },
};

/** Key prefixes: generated rows are recognisable (and removable) by key alone. */
export const GENERATED_KEY_PREFIX = {
  organisation: 'gen-org-',
  program: 'gen-prg-',
  partnership: 'gen-kmt-',
};

export interface AreaRow {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district' | 'village';
  kind: string;
}

interface Regency {
  code: string;
  name: string;
  short: string;
  island: 'lombok' | 'sumbawa';
  rate: number;
  poorThousands: number;
  districts: District[];
  villages: Village[];
  weight: number;
}

interface District {
  code: string;
  name: string;
  regency: Regency;
  villages: Village[];
  weight: number;
}

interface Village {
  code: string;
  name: string;
  kind: string;
  district: District;
  regency: Regency;
  weight: number;
}

export interface PlannedOrganisation {
  index: number;
  id: string;
  key: string;
  legalName: string;
  shortName: string | null;
  nameSearch: string;
  type: OrganisationType;
  level: 'province' | 'regency' | null;
  parentIndex: number | null;
  areaCode: string;
  website: string | null;
  description: string;
  offers: OfferKind[];
  issues: string[];
  coverage: string[];
  verified: boolean;
  createdAt: string;
  /** Likelihood of owning a program (relative). */
  activity: number;
  /** Suits kecamatan- or kabupaten-wide programs (offices, BAZNAS, state enterprises). */
  wideScope: boolean;
}

export interface PlannedProgramPartner {
  orgIndex: number;
  role: PartnerRole;
  money: number | null;
  inKind: string | null;
}

export interface PlannedProgram {
  index: number;
  id: string;
  key: string;
  ownerIndex: number;
  title: string;
  description: string | null;
  status: ProgramStatus;
  plannedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  periodStart: string;
  periodEnd: string;
  budgetPlanned: number;
  budgetRealised: number | null;
  modality: Modality;
  targetHouseholds: number;
  targetPersons: number | null;
  reachedHouseholds: number | null;
  reachedPersons: number | null;
  createdAt: string;
  issues: string[];
  villages: Array<{ code: string; targetHouseholds: number | null; targetPersons: number | null }>;
  partners: PlannedProgramPartner[];
  regencyCodes: string[];
}

export interface PlannedParty {
  orgIndex: number;
  role: PartyRole;
  money: number | null;
  inKind: string | null;
  expertise: string | null;
  months: number;
}

export interface PlannedPartnership {
  index: number;
  id: string;
  key: string;
  title: string;
  description: string;
  agreementType: AgreementType;
  agreementNumber: string | null;
  status: PartnershipStatus;
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  terminatedOn: string | null;
  renewsIndex: number | null;
  leadIndex: number;
  regencyCode: string;
  issue: string;
  createdAt: string;
  parties: PlannedParty[];
  programIndices: number[];
}

export interface NtbScalePlan {
  scale: GenerationScale;
  seed: number;
  organisations: PlannedOrganisation[];
  programs: PlannedProgram[];
  partnerships: PlannedPartnership[];
}

// ---------------------------------------------------------------------------
// Small helpers

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

const DAY_MS = 86_400_000;
const toDay = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
/** Start dates never fall after the 28th, so adding months never overflows into the next month. */
function addMonths(iso: string, months: number): string {
  const date = new Date(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1 + months, Number(iso.slice(8, 10))),
  );
  return date.toISOString().slice(0, 10);
}
const isoDate = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const minDate = (a: string, b: string) => (a < b ? a : b);
/** A day drawn uniformly in [from, to] (both included). */
const dayBetween = (rng: Random, from: string, to: string) =>
  to <= from ? from : fromDay(rng.int(toDay(from), toDay(to)));
const monthsBetween = (from: string, to: string) =>
  Math.max(1, Math.round((toDay(to) - toDay(from) + 1) / 30.44));
const roundTo = (value: number, unit: number) => Math.round(value / unit) * unit;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const slug = (text: string) =>
  normalizeAreaName(text)
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '');
const LAST_DAY = isoDate(LAST_YEAR, 12, 31);
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Cumulative weights for O(log n) weighted draws over the 1,166 villages. */
class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) {
      sum += weight(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }
  draw(rng: Random): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(this.cumulative, mid) > r) hi = mid;
      else lo = mid + 1;
    }
    return at(this.items, lo);
  }
}

// ---------------------------------------------------------------------------
// Geography: kabupaten → kecamatan → villages, with poverty weights

interface Geography {
  regencies: Regency[];
  districts: District[];
  villages: Village[];
  regencyByCode: Map<string, Regency>;
  districtByCode: Map<string, District>;
}

/**
 * Each village's weight is its kabupaten's poverty rate (BPS March 2024) times a
 * village "need" factor drawn once per seed (log-normal, median 1), with kelurahan
 * (urban wards) at 0.8: village programs such as Desa Berdaya target desa first. So a
 * village in Lombok Utara (23.96 %) draws about three times as many programs as one
 * in Kota Mataram (8.00 %), and a kabupaten's share follows rate × villages.
 */
function buildGeography(areas: readonly AreaRow[], seed: number): Geography {
  const rng = new Random(seed, 'villages');
  const poverty = new Map(KABUPATEN_POVERTY.map((k) => [k.code, k]));
  const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const regencyByCode = new Map<string, Regency>();
  const districtByCode = new Map<string, District>();
  const villages: Village[] = [];
  for (const area of sorted) {
    if (area.level === 'regency') {
      const figures = poverty.get(area.code);
      if (!figures) continue; // another province: the generator knows NTB's figures only
      regencyByCode.set(area.code, {
        code: area.code,
        name: area.name,
        short: figures.short,
        island: figures.island,
        rate: figures.rate,
        poorThousands: figures.poorThousands,
        districts: [],
        villages: [],
        weight: 0,
      });
    } else if (area.level === 'district') {
      const regency = regencyByCode.get(area.code.slice(0, 5));
      if (!regency) continue;
      const district: District = { code: area.code, name: area.name, regency, villages: [], weight: 0 };
      regency.districts.push(district);
      districtByCode.set(area.code, district);
    } else if (area.level === 'village') {
      const district = districtByCode.get(area.code.slice(0, 8));
      if (!district) continue;
      const need = rng.logNormal(1, 0.45);
      const village: Village = {
        code: area.code,
        name: area.name,
        kind: area.kind,
        district,
        regency: district.regency,
        weight: district.regency.rate * need * (area.kind === 'kelurahan' ? 0.8 : 1),
      };
      district.villages.push(village);
      district.regency.villages.push(village);
      villages.push(village);
    }
  }
  const regencies = [...regencyByCode.values()].filter((r) => r.villages.length > 0);
  if (regencies.length === 0) {
    throw new Error('no NTB villages loaded: load the areas of province 52 first (`simpul areas:load 52`)');
  }
  const districts = [...districtByCode.values()].filter((d) => d.villages.length > 0);
  for (const district of districts) district.weight = district.villages.reduce((s, v) => s + v.weight, 0);
  for (const regency of regencies) {
    regency.districts = regency.districts.filter((d) => d.villages.length > 0);
    regency.weight = regency.districts.reduce((s, d) => s + d.weight, 0);
  }
  return { regencies, districts, villages, regencyByCode, districtByCode };
}

function coversArea(coverage: readonly string[], code: string): boolean {
  return coverage.some((c) => code === c || code.startsWith(`${c}.`));
}

/** Coverage reaching into a kabupaten at all (the whole of it, or some of its kecamatan). */
function touchesRegency(coverage: readonly string[], regencyCode: string): boolean {
  return coverage.some((c) => c === '52' || c === regencyCode || c.startsWith(`${regencyCode}.`));
}

// ---------------------------------------------------------------------------
// Organisations

function planOrganisations(geo: Geography, scale: GenerationScale, seed: number): PlannedOrganisation[] {
  const rng = new Random(seed, 'organisations');
  const mix = ORGANISATION_MIX[scale];
  const total = SCALE_SIZES[scale].organisations;
  const organisations: PlannedOrganisation[] = [];
  const names = new Set<string>();
  const byRate = [...geo.regencies].sort((a, b) => b.rate - a.rate);
  const regencyOfCode = (code: string) => geo.regencyByCode.get(code);

  const add = (
    org: Omit<PlannedOrganisation, 'index' | 'id' | 'key' | 'nameSearch' | 'createdAt' | 'verified'> & {
      verified?: boolean;
    },
  ): PlannedOrganisation => {
    const index = organisations.length;
    const key = `${GENERATED_KEY_PREFIX.organisation}${pad(index + 1, 4)}`;
    names.add(org.legalName);
    const planned: PlannedOrganisation = {
      ...org,
      index,
      id: deterministicUuid(`${seed}/${key}`),
      key,
      nameSearch: normalizeAreaName(org.legalName),
      verified: org.verified ?? rng.chance(0.85),
      // Registered in the platform's first year, before the reference date.
      createdAt: dayBetween(rng, '2025-01-06', '2026-06-30'),
      activity: org.activity * rng.logNormal(1, 0.5),
    };
    organisations.push(planned);
    return planned;
  };
  /** Draws names until one is new; falls back to a numbered variant so the loop always ends. */
  const uniqueName = (make: () => string): string => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const name = make();
      if (!names.has(name)) return name;
    }
    const base = make();
    let n = 2;
    while (names.has(`${base} ${n}`)) n += 1;
    return `${base} ${n}`;
  };
  const districtIn = (regency: Regency) => new WeightedTable(regency.districts, (d) => d.weight).draw(rng);
  const sameIsland = (regency: Regency) =>
    geo.regencies.filter((r) => r.island === regency.island && r !== regency);
  const placeWord = (regency: Regency) => rng.pick(PLACE_WORDS[regency.island]);
  const description = (what: string) => `${what} Data sintetis (generator skala NTB, seed ${seed}).`;
  const issuesFrom = (entries: ReadonlyArray<readonly [string, number]>, count: number) =>
    rng
      .weightedSample(
        entries.map(([, w]) => w),
        count,
      )
      .map((i) => at(entries, i)[0]);
  const extraRegencies = (regency: Regency, count: number) =>
    rng
      .weightedSample(
        sameIsland(regency).map((r) => r.weight),
        count,
      )
      .map((i) => at(sameIsland(regency), i).code);

  // Government offices: province OPD, then each kabupaten/kota's.
  for (const office of PROVINCE_OFFICES.slice(0, mix.provinceOffices)) {
    add({
      legalName: `${office.name} Provinsi Nusa Tenggara Barat`,
      shortName: `${office.short} NTB`,
      type: 'government',
      level: 'province',
      parentIndex: null,
      areaCode: '52',
      website: null,
      description: description('Organisasi perangkat daerah provinsi.'),
      offers: office.offers,
      issues: office.issues,
      coverage: ['52'],
      verified: true,
      activity: 3,
      wideScope: true,
    });
  }
  geo.regencies.forEach((regency, r) => {
    const offices: GovernmentOffice[] =
      mix.officesPerRegency >= REGENCY_OFFICES.length
        ? [...REGENCY_OFFICES]
        : Array.from({ length: mix.officesPerRegency }, (_, i) =>
            at(REGENCY_OFFICES, (r + i) % REGENCY_OFFICES.length),
          );
    for (const office of offices) {
      add({
        legalName: `${office.name} ${regency.name}`,
        shortName: `${office.short} ${regency.short}`,
        type: 'government',
        level: 'regency',
        parentIndex: null,
        areaCode: regency.code,
        website: null,
        description: description('Organisasi perangkat daerah kabupaten/kota.'),
        offers: office.offers,
        issues: office.issues,
        coverage: [regency.code],
        verified: true,
        activity: 2.2,
        wideScope: true,
      });
    }
  });

  // Philanthropy: BAZNAS of the province and of the poorest kabupaten, LAZ, foundations.
  const baznas = add({
    legalName: 'Badan Amil Zakat Nasional Provinsi Nusa Tenggara Barat',
    shortName: 'BAZNAS NTB',
    type: 'philanthropy',
    level: null,
    parentIndex: null,
    areaCode: '52',
    website: null,
    description: description('Pengelola zakat tingkat provinsi.'),
    offers: ['funds', 'in_kind'],
    issues: ['kemiskinan_ekstrem', 'pendidikan', 'kesehatan', 'perumahan_rtlh'],
    coverage: ['52'],
    verified: true,
    activity: 4,
    wideScope: true,
  });
  for (const regency of byRate.slice(0, mix.baznasRegencies)) {
    add({
      legalName: `Badan Amil Zakat Nasional ${regency.name}`,
      shortName: `BAZNAS ${regency.short}`,
      type: 'philanthropy',
      level: null,
      parentIndex: baznas.index,
      areaCode: regency.code,
      website: null,
      description: description('Pengelola zakat tingkat kabupaten/kota.'),
      offers: ['funds', 'in_kind'],
      issues: issuesFrom(
        [
          ['kemiskinan_ekstrem', 5],
          ['pendidikan', 3],
          ['perumahan_rtlh', 2],
          ['anak_terlantar', 2],
          ['kesehatan', 2],
        ],
        3,
      ),
      coverage: [regency.code],
      verified: true,
      activity: 3,
      wideScope: true,
    });
  }
  for (let i = 0; i < mix.laz; i += 1) {
    const seat = new WeightedTable(
      geo.regencies,
      (r) => r.poorThousands + (r.code === '52.71' ? 80 : 0),
    ).draw(rng);
    const provinceWide = rng.chance(0.5);
    add({
      legalName: uniqueName(
        () => `Lembaga Amil Zakat ${rng.pick(LAZ_NAMES)}${provinceWide ? ' NTB' : ` ${seat.short}`}`,
      ),
      shortName: null,
      type: 'philanthropy',
      level: null,
      parentIndex: null,
      areaCode: districtIn(seat).code,
      website: null,
      description: description('Lembaga amil zakat.'),
      offers: ['funds', 'in_kind'],
      issues: issuesFrom(ISSUE_WEIGHTS, rng.int(2, 3)),
      coverage: provinceWide ? ['52'] : [seat.code, ...extraRegencies(seat, rng.int(0, 1))],
      activity: 1.5,
      wideScope: false,
    });
  }
  for (let i = 0; i < mix.foundations; i += 1) {
    const seat = new WeightedTable(
      geo.regencies,
      (r) => r.poorThousands + (r.code === '52.71' ? 60 : 0),
    ).draw(rng);
    const provinceWide = rng.chance(0.15);
    add({
      legalName: uniqueName(() => `Yayasan ${rng.pick(NAME_FIRST)} ${placeWord(seat)}`),
      shortName: null,
      type: 'philanthropy',
      level: null,
      parentIndex: null,
      areaCode: districtIn(seat).code,
      website: null,
      description: description('Yayasan filantropi keluarga/korporasi.'),
      offers: rng.chance(0.6) ? ['funds'] : ['funds', 'in_kind'],
      issues: issuesFrom(ISSUE_WEIGHTS, rng.int(1, 3)),
      coverage: provinceWide ? ['52'] : [seat.code, ...extraRegencies(seat, rng.int(0, 2))],
      activity: 1,
      wideScope: false,
    });
  }

  // State and regional enterprises.
  for (let i = 0; i < mix.bumn; i += 1) {
    const [line, issues] = at(BUMN_LINES, i % BUMN_LINES.length);
    const regional = i < BUMN_LINES.length;
    const seat = regional
      ? at(geo.regencies, 0)
      : new WeightedTable(geo.regencies, (r) => r.poorThousands + (r.code === '52.71' ? 40 : 0)).draw(rng);
    const mataram = geo.regencyByCode.get('52.71') ?? seat;
    add({
      legalName: uniqueName(() =>
        regional
          ? `PT ${line} (Persero) Wilayah Nusa Tenggara Barat`
          : `PT ${line} (Persero) Cabang ${seat.short}`,
      ),
      shortName: null,
      type: 'bumn_bumd',
      level: null,
      parentIndex: null,
      areaCode: districtIn(regional ? mataram : seat).code,
      website: null,
      description: description('Badan usaha milik negara; program TJSL.'),
      offers: rng.chance(0.5) ? ['funds'] : ['funds', 'in_kind'],
      issues: [...issues],
      coverage: regional ? ['52'] : [seat.code, ...extraRegencies(seat, rng.int(0, 1))],
      activity: regional ? 1.2 : 0.9,
      wideScope: true,
    });
  }
  for (let i = 0; i < mix.bumd; i += 1) {
    const [form, issues] = at(BUMD_FORMS, i % BUMD_FORMS.length);
    const regency = at(geo.regencies, Math.floor(i / BUMD_FORMS.length) % geo.regencies.length);
    const word = rng.pick(COMPANY_SUFFIXES);
    add({
      legalName: uniqueName(() =>
        form.startsWith('PT')
          ? `${form} ${word} ${regency.short} (Perseroda)`
          : `${form} ${word} ${regency.name}`,
      ),
      shortName: null,
      type: 'bumn_bumd',
      level: null,
      parentIndex: null,
      areaCode: districtIn(regency).code,
      website: null,
      description: description('Badan usaha milik daerah.'),
      offers: ['funds'],
      issues: [...issues],
      coverage: [regency.code],
      activity: 0.6,
      wideScope: true,
    });
  }

  // Private companies: sector decides seat, issues and how much CSR they run.
  const sectorTable = new WeightedTable<readonly [CompanySector, number]>(
    COMPANY_SECTORS.map((s): readonly [CompanySector, number] => [
      s,
      { mining: 1.5, tourism: 3, agriculture: 3, fisheries: 1.5, trade: 2.5, construction: 2, energy: 0.8 }[
        s.name
      ] ?? 1,
    ]),
    ([, w]) => w,
  );
  for (let i = 0; i < mix.companies; i += 1) {
    const [sector] = sectorTable.draw(rng);
    const seat = regencyOfCode(rng.weighted(sector.seats)) ?? at(geo.regencies, 0);
    const seatDistrict = districtIn(seat);
    const roll = rng.next();
    // Mining CSR (PPM) is bound to the "ring 1" kecamatan around the mine.
    const ring = sector.name === 'mining' && roll < 0.6;
    const coverage = ring
      ? [
          seatDistrict.code,
          ...rng
            .weightedSample(
              seat.districts.filter((d) => d !== seatDistrict).map((d) => d.weight),
              rng.int(2, 4),
            )
            .map(
              (k) =>
                at(
                  seat.districts.filter((d) => d !== seatDistrict),
                  k,
                ).code,
            ),
        ]
      : roll < 0.55
        ? [seat.code]
        : roll < 0.88
          ? [seat.code, ...extraRegencies(seat, rng.int(1, 2))]
          : ['52'];
    const legalName = uniqueName(
      () => `PT ${rng.pick(COMPANY_PREFIXES)} ${rng.pick(sector.roots)} ${rng.pick(COMPANY_SUFFIXES)}`,
    );
    add({
      legalName,
      shortName: null,
      type: 'private_company',
      level: null,
      parentIndex: null,
      areaCode: seatDistrict.code,
      website: rng.chance(0.6) ? `https://${slug(legalName.replace(/^PT /, ''))}.example` : null,
      description: description(`Perusahaan swasta (sektor ${sector.name}); program CSR/TJSL.`),
      offers: rng.chance(0.5) ? ['funds'] : ['funds', 'in_kind'],
      issues: issuesFrom(sector.issues, rng.int(1, 3)),
      coverage,
      activity: sector.activity,
      wideScope: false,
    });
  }

  // Universities: seated in the towns, reaching out through KKN and research.
  const campusSeats: ReadonlyArray<readonly [string, number]> = [
    ['52.71', 6],
    ['52.72', 2],
    ['52.04', 2],
    ['52.03', 2],
    ['52.02', 1],
    ['52.05', 1],
    ['52.01', 1],
  ];
  for (let i = 0; i < mix.universities; i += 1) {
    const seat = regencyOfCode(rng.weighted(campusSeats)) ?? at(geo.regencies, 0);
    const roll = rng.next();
    add({
      legalName: uniqueName(
        () => `${rng.pick(UNIVERSITY_FORMS)} ${rng.pick(UNIVERSITY_WORDS)} ${placeWord(seat)}`,
      ),
      shortName: null,
      type: 'university',
      level: null,
      parentIndex: null,
      areaCode: districtIn(seat).code,
      website: null,
      description: description('Perguruan tinggi; KKN tematik, riset dan pengabdian masyarakat.'),
      offers: rng.chance(0.5) ? ['expertise'] : ['expertise', 'volunteers'],
      issues: issuesFrom(
        [
          ['pendidikan', 4],
          ['kesehatan', 3],
          ['tengkes', 3],
          ['pemberdayaan_ekonomi', 3],
          ['disabilitas', 1],
          ['odgj', 1],
        ],
        rng.int(1, 3),
      ),
      coverage:
        roll < 0.4
          ? ['52']
          : roll < 0.7
            ? [seat.code, ...sameIsland(seat).map((r) => r.code)]
            : [seat.code, ...extraRegencies(seat, 1)],
      activity: 0.4,
      wideScope: false,
    });
  }

  // Media: radio, newspapers, news portals, local TV.
  for (let i = 0; i < mix.media; i += 1) {
    const seat = new WeightedTable(
      geo.regencies,
      (r) => r.poorThousands + (r.code === '52.71' ? 120 : 0),
    ).draw(rng);
    const [form, suffix] = rng.pick(MEDIA_FORMS);
    const word = rng.pick(MEDIA_WORDS);
    const place = placeWord(seat);
    const roll = rng.next();
    add({
      legalName: uniqueName(() => {
        if (form === 'Portal Berita') return `Portal Berita ${word}${place.replace(/\s+/g, '')}${suffix}`;
        if (form === 'TV') return `${word} ${place} TV`;
        return `${form} ${word} ${place}${suffix ? ` ${suffix}` : ''}`;
      }),
      shortName: null,
      type: 'media',
      level: null,
      parentIndex: null,
      areaCode: districtIn(seat).code,
      website: null,
      description: description('Media lokal.'),
      offers: ['media_reach'],
      issues: issuesFrom(
        [
          ['perkawinan_anak', 3],
          ['tengkes', 3],
          ['kemiskinan_ekstrem', 2],
          ['kebencanaan', 1],
        ],
        rng.int(0, 2),
      ),
      coverage:
        roll < 0.3 ? ['52'] : roll < 0.7 ? [seat.code, ...sameIsland(seat).map((r) => r.code)] : [seat.code],
      activity: 0.25,
      wideScope: false,
    });
  }

  // NGOs fill the rest: many small, kecamatan-based; some kabupaten-wide; a few province-wide.
  while (organisations.length < total) {
    const seat = new WeightedTable(
      geo.regencies,
      (r) => r.poorThousands + (r.code === '52.71' ? 50 : 0),
    ).draw(rng);
    const seatDistrict = districtIn(seat);
    const issues = issuesFrom(ISSUE_WEIGHTS, rng.int(1, 3));
    const main = at(issues, 0);
    const roll = rng.next();
    const local = roll < 0.45;
    const others = seat.districts.filter((d) => d !== seatDistrict);
    const coverage = local
      ? [
          seatDistrict.code,
          ...rng
            .weightedSample(
              others.map((d) => d.weight),
              rng.int(0, 3),
            )
            .map((k) => at(others, k).code),
        ]
      : roll < 0.9
        ? [seat.code, ...extraRegencies(seat, seat.code === '52.71' ? rng.int(1, 2) : rng.int(0, 1))]
        : ['52'];
    const place = local ? seatDistrict.name : placeWord(seat);
    add({
      legalName: uniqueName(
        () => `${rng.pick(NGO_FORMS)} ${rng.pick(NGO_FOCUS[main] ?? ['Peduli'])} ${place}`,
      ),
      shortName: null,
      type: 'ngo',
      level: null,
      parentIndex: null,
      areaCode: seatDistrict.code,
      website: null,
      description: description('Organisasi masyarakat sipil.'),
      offers: rng.chance(0.5)
        ? ['expertise', 'volunteers']
        : rng.chance(0.5)
          ? ['volunteers']
          : ['expertise'],
      issues,
      coverage,
      activity: 0.9,
      wideScope: false,
    });
  }
  return organisations;
}

// ---------------------------------------------------------------------------
// Programs

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

function fillTemplate(rng: Random, template: string, households: number): string {
  return template
    .replace('{hh}', String(Math.max(5, roundTo(households * rng.uniform(0.3, 1), 5))))
    .replace('{k}', String(rng.int(2, 24)));
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

function planPrograms(
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

// ---------------------------------------------------------------------------
// Partnerships

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

function planPartnerships(
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

/** The whole dataset for a seed, computed in memory. */
export function planNtbScale(
  areas: readonly AreaRow[],
  options: { scale: GenerationScale; seed?: number | undefined },
): NtbScalePlan {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to ${0xffffffff} (got ${seed})`);
  }
  const geo = buildGeography(areas, seed);
  const organisations = planOrganisations(geo, options.scale, seed);
  const programs = planPrograms(geo, organisations, options.scale, seed);
  const partnerships = planPartnerships(geo, organisations, programs, options.scale, seed);
  return { scale: options.scale, seed, organisations, programs, partnerships };
}
