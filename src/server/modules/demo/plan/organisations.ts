import { normalizeAreaName } from '../../../../shared/area-code.ts';
import {
  BUMD_FORMS,
  BUMN_LINES,
  COMPANY_PREFIXES,
  COMPANY_SECTORS,
  COMPANY_SUFFIXES,
  type CompanySector,
  type GovernmentOffice,
  ISSUE_WEIGHTS,
  LAZ_NAMES,
  MEDIA_FORMS,
  MEDIA_WORDS,
  NAME_FIRST,
  NGO_FOCUS,
  NGO_FORMS,
  PLACE_WORDS,
  PROVINCE_OFFICES,
  REGENCY_OFFICES,
  UNIVERSITY_FORMS,
  UNIVERSITY_WORDS,
} from '../ntb-scale-data.ts';
import { deterministicUuid, Random } from '../prng.ts';
import type { Geography, Regency } from './geography.ts';
import { at, dayBetween, pad, slug, WeightedTable } from './helpers.ts';
import {
  GENERATED_KEY_PREFIX,
  type GenerationScale,
  type PlannedOrganisation,
  SCALE_SIZES,
} from './types.ts';

/** Plans the organisations: government offices, philanthropy, enterprises, companies, campuses, media, NGOs. */
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

export function planOrganisations(
  geo: Geography,
  scale: GenerationScale,
  seed: number,
): PlannedOrganisation[] {
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
