import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelOfCode, parentCode } from '../../../../shared/area-code.ts';
import { readProvinceSource } from '../../areas/load-areas.ts';
import {
  type AreaCandidate,
  type AreaResolution,
  editDistance,
  KNOWN_ABBREVIATIONS,
  normaliseAreaName,
  readAreaName,
  resolveArea,
  splitPlaces,
} from './area-names.ts';

/** NTB's 1,294 areas (province, 10 kabupaten/kota, 117 kecamatan, 1,166 desa/kelurahan) from idn-area-data. */
const NTB: AreaCandidate[] = readProvinceSource('52').map((row) => ({
  code: row.code,
  name: row.name,
  level: levelOfCode(row.code),
  parentCode: parentCode(row.code),
}));
const VILLAGES = NTB.filter((area) => area.level === 'village');

/** The resolution in a form that reads well in a failing test. */
function summary(result: AreaResolution): string {
  switch (result.status) {
    case 'resolved':
      return `${result.area.code} (${result.match})`;
    case 'ambiguous':
      return `ambiguous: ${result.candidates.map((a) => a.code).join(' ')}`;
    case 'unknown':
      return `unknown: ${result.suggestions.map((a) => a.code).join(' ')}`;
  }
}

describe('normaliseAreaName', () => {
  it.each([
    ['Kab. Sumbawa Barat', 'sumbawa barat'],
    ['Kabupaten Lombok Timur', 'lombok timur'],
    ['KAB LOMBOK TENGAH', 'lombok tengah'],
    ['Kota Mataram', 'mataram'],
    ['Kec. Keruak', 'keruak'],
    ['Kecamatan Pujut', 'pujut'],
    ['Ds. Pijot', 'pijot'],
    ['Desa Sukadana', 'sukadana'],
    ['Kel. Taman Sari', 'taman sari'],
    ['Kelurahan Taman Sari', 'taman sari'],
    ['Provinsi Nusa Tenggara Barat', 'nusa tenggara barat'],
    ["Hu'u", 'huu'],
    ['HU’U', 'huu'],
    ['Bug-Bug', 'bug bug'],
    ['  Naru   Barat ', 'naru barat'],
    ['Sukadana (Kec. Terara)', 'sukadana'],
    ['Désa Sàpe', 'sape'],
    ['Kabupatenan', 'kabupatenan'],
    ['Kotaraja', 'kotaraja'],
  ])('%s → %s', (text, normalised) => {
    expect(normaliseAreaName(text)).toBe(normalised);
  });

  it('keeps what the prefix announced', () => {
    expect(readAreaName('Kab. Bima')).toEqual({ name: 'bima', asWritten: 'kab bima', kind: 'kabupaten' });
    expect(readAreaName('Kota Bima')).toEqual({ name: 'bima', asWritten: 'kota bima', kind: 'kota' });
    expect(readAreaName('Bima')).toEqual({ name: 'bima', asWritten: 'bima' });
  });
});

describe('KNOWN_ABBREVIATIONS', () => {
  it('expands to NTB kabupaten that exist', () => {
    const regencies = new Set(NTB.filter((a) => a.level !== 'village').map((a) => normaliseAreaName(a.name)));
    for (const [abbreviation, name] of Object.entries(KNOWN_ABBREVIATIONS)) {
      expect(regencies, abbreviation).toContain(normaliseAreaName(name));
      expect(normaliseAreaName(abbreviation)).toBe(abbreviation);
    }
  });

  it.each([
    ['LOTIM', '52.03'],
    ['Lotim', '52.03'],
    ['Kab. Lotim', '52.03'],
    ['LOTENG', '52.02'],
    ['LOBAR', '52.01'],
    ['KLU', '52.08'],
    ['KSB', '52.07'],
  ])('%s → %s', (text, code) => {
    expect(summary(resolveArea(text, NTB, { level: 'regency' }))).toBe(`${code} (abbreviation)`);
  });
});

describe('splitPlaces', () => {
  it.each([
    ['Naru, Naru Barat, Bugis', ['Naru', 'Naru Barat', 'Bugis']],
    ['Bukit Damai, Maluk', ['Bukit Damai', 'Maluk']],
    ['Tongo, Sekongkang Atas', ['Tongo', 'Sekongkang Atas']],
    ['Desa A, B dan C', ['Desa A', 'B', 'C']],
    ['Desa Sukadana dan Desa Sukarara', ['Desa Sukadana', 'Desa Sukarara']],
    ['Tongo / Sekongkang Atas', ['Tongo', 'Sekongkang Atas']],
    ['Tongo/Sekongkang Atas', ['Tongo', 'Sekongkang Atas']],
    ['Pijot; Keruak & Sepit', ['Pijot', 'Keruak', 'Sepit']],
    ['Pijot\nKeruak\r\nSepit', ['Pijot', 'Keruak', 'Sepit']],
    ['1. Naru\n2. Bugis', ['Naru', 'Bugis']],
    ['- Naru\n- Bugis', ['Naru', 'Bugis']],
    ['Naru, Bugis, serta Rasabou', ['Naru', 'Bugis', 'Rasabou']],
    ['Naru DAN Bugis', ['Naru', 'Bugis']],
    ['Naru, naru, NARU', ['Naru']],
    ['Sukadana (Kec. Terara, Lotim)', ['Sukadana (Kec. Terara, Lotim)']],
    ['Sukadana, Sukarara.', ['Sukadana', 'Sukarara']],
    ['Naru,, Bugis,', ['Naru', 'Bugis']],
    ['Sukadana', ['Sukadana']],
    ['Dasan Baru', ['Dasan Baru']],
    ['', []],
    [' , ; ', []],
  ])('%o → %o', (cell, places) => {
    expect(splitPlaces(cell)).toEqual(places);
  });

  it('never splits a real NTB area name', () => {
    for (const area of NTB) expect(splitPlaces(area.name), area.code).toHaveLength(1);
  });
});

describe('resolveArea: kabupaten/kota and kecamatan', () => {
  it.each([
    ['Sumbawa Barat', '52.07'],
    ['Kab. Sumbawa Barat', '52.07'],
    ['KABUPATEN SUMBAWA BARAT', '52.07'],
    ['Lombok Timur', '52.03'],
    ['Kab. Bima', '52.06'],
    ['Kabupaten Bima', '52.06'],
    ['Kota Bima', '52.72'],
    ['Kota Mataram', '52.71'],
    ['Mataram', '52.71'],
    ['Dompu', '52.05'],
  ])('%s → %s at regency level', (text, code) => {
    expect(resolveArea(text, NTB, { level: 'regency' })).toMatchObject({
      status: 'resolved',
      area: { code },
    });
  });

  it('"Bima" alone is Kabupaten Bima or Kota Bima: ambiguous', () => {
    expect(summary(resolveArea('Bima', NTB, { level: 'regency' }))).toBe('ambiguous: 52.06 52.72');
  });

  it('without a level, a name shared by a kota and its kecamatan is ambiguous', () => {
    expect(summary(resolveArea('Mataram', NTB))).toBe('ambiguous: 52.71 52.71.02');
    expect(summary(resolveArea('Kota Mataram', NTB))).toBe('52.71 (exact)');
    expect(summary(resolveArea('Kec. Mataram', NTB))).toBe('52.71.02 (exact)');
    expect(summary(resolveArea('Maluk', NTB, { within: '52.07' }))).toBe('ambiguous: 52.07.08 52.07.08.2001');
    expect(summary(resolveArea('Kec. Maluk', NTB, { within: '52.07' }))).toBe('52.07.08 (exact)');
  });

  it.each([
    ['Keruak', '52.03', '52.03.01 (exact)'],
    ['Kec. Keruak', '52.03', '52.03.01 (exact)'],
    ['Jereweh', '52.07', '52.07.01 (exact)'],
    ['Sape', '52.06', '52.06.06 (exact)'],
    ['Praya', '52.02', '52.02.01 (exact)'],
    ['Ampenan', '52.71', '52.71.01 (exact)'],
    ['Labu Api', '52.01', '52.01.08 (spacing)'], // BPS spelling of Labuapi
    ['Gunung Sari', '52.01', '52.01.09 (spacing)'],
    ['Batu Kliang', '52.02', '52.02.03 (spacing)'],
    ['Suela', '52.03', '52.03.16 (typo)'], // BPS spelling of Suwela
    ['Sekarbela', '52.71', '52.71.04 (exact)'],
    ["Hu'u", '52.05', '52.05.03 (exact)'],
    ['Huu', '52.05', '52.05.03 (exact)'],
    ['Selaprang', '52.71', '52.71.05 (typo)'], // the v3 spelling of Selaparang
  ])('kecamatan %s in %s → %s', (text, within, expected) => {
    expect(summary(resolveArea(text, NTB, { within, level: 'district' }))).toBe(expected);
  });

  it('never answers a kecamatan column with a village of the same name', () => {
    expect(summary(resolveArea('Praya', NTB, { within: '52.02' }))).toBe('ambiguous: 52.02.01 52.02.01.1001');
    expect(summary(resolveArea('Praya', NTB, { within: '52.02', level: 'district' }))).toBe(
      '52.02.01 (exact)',
    );
  });
});

describe('resolveArea: villages', () => {
  it.each([
    ['Pijot', '52.03.01', '52.03.01.2002 (exact)'],
    ['Ds. Pijot', '52.03.01', '52.03.01.2002 (exact)'],
    ['DESA PIJOT', '52.03', '52.03.01.2002 (exact)'],
    ['Bukit Damai', '52.07.08', '52.07.08.2003 (exact)'],
    ['Maluk', '52.07.08', '52.07.08.2001 (exact)'],
    ['Taman Sari', '52.71.01', '52.71.01.1008 (exact)'],
    ['Kel. Taman Sari', '52.71', '52.71.01.1008 (exact)'],
    ['Naru Barat', '52.06.06', '52.06.06.2015 (exact)'],
    ['Sekongkang Ats', '52.07.04', '52.07.04.2001 (typo)'],
    ['Sekongkang Atas', '52.07.04', '52.07.04.2001 (exact)'],
    ['Tongo', '52.07', '52.07.04.2003 (exact)'],
    ['Pijot', undefined, '52.03.01.2002 (exact)'],
    ['Kota Raja', undefined, '52.03.04.2005 (exact)'], // a village whose name starts with "Kota"
    ['Ds. Kota Raja', '52.03.04', '52.03.04.2005 (exact)'],
  ])('%s within %s → %s', (text, within, expected) => {
    expect(summary(resolveArea(text, NTB, { level: 'village', ...(within ? { within } : {}) }))).toBe(
      expected,
    );
  });

  it('"Desa Beru" is the village named "Desa Beru" or desa Beru: both are in Sumbawa Barat', () => {
    expect(summary(resolveArea('Desa Beru', NTB, { level: 'village' }))).toBe(
      'ambiguous: 52.07.01.2003 52.07.05.2001',
    );
    expect(summary(resolveArea('Desa Beru', NTB, { within: '52.07.05' }))).toBe('52.07.05.2001 (exact)');
    expect(summary(resolveArea('Beru', NTB, { within: '52.07.01' }))).toBe('52.07.01.2003 (exact)');
  });

  it('Sukadana is ambiguous without a kabupaten and resolved with one', () => {
    expect(summary(resolveArea('Sukadana', NTB, { level: 'village' }))).toBe(
      'ambiguous: 52.02.04.2003 52.03.03.2006 52.08.04.2004',
    );
    expect(summary(resolveArea('Sukadana', NTB, { within: '52.02' }))).toBe('52.02.04.2003 (exact)');
    expect(summary(resolveArea('Sukadana', NTB, { within: '52.03' }))).toBe('52.03.03.2006 (exact)');
    expect(summary(resolveArea('Sukadana', NTB, { within: '52.08' }))).toBe('52.08.04.2004 (exact)');
  });

  it('a name outside the given kabupaten is unknown there, with the places it does exist as suggestions', () => {
    expect(summary(resolveArea('Sukadana', NTB, { within: '52.01', level: 'village' }))).toBe(
      'unknown: 52.02.04.2003 52.03.03.2006 52.08.04.2004',
    );
  });

  it('never "corrects" a real name into another real name', () => {
    // Sukarara and Sukaraja are one letter apart and both real; Lombok Utara has neither.
    const result = resolveArea('Sukarara', NTB, { within: '52.08', level: 'village' });
    expect(result.status).toBe('unknown');
  });

  it('a typo one letter from two villages is ambiguous, not a guess', () => {
    // Lombok Tengah has Sukarara (Jonggat) and Sukaraja (Praya Timur); "Sukaraka" is one letter from both.
    expect(summary(resolveArea('Sukaraka', NTB, { within: '52.02', level: 'village' }))).toBe(
      'ambiguous: 52.02.02.2010 52.02.06.2001',
    );
  });

  it('a short name gets no typo tolerance', () => {
    expect(resolveArea('Nari', NTB, { within: '52.06.06', level: 'village' }).status).toBe('unknown');
  });

  it('an unknown name gets near names from its scope as suggestions', () => {
    const result = resolveArea('Sekongkang', NTB, { within: '52.07.04', level: 'village' });
    expect(summary(result)).toBe('unknown: 52.07.04.2001 52.07.04.2002');
    expect(resolveArea('xyzzy', NTB)).toEqual({ status: 'unknown', suggestions: [] });
    expect(resolveArea('', NTB)).toEqual({ status: 'unknown', suggestions: [] });
  });
});

describe('resolveArea: every village name NTB has more than once', () => {
  const kabupatenOf = (area: AreaCandidate) => area.code.slice(0, 5);
  const groupBy = (key: (village: AreaCandidate) => string) => {
    const groups = new Map<string, AreaCandidate[]>();
    for (const village of VILLAGES) groups.set(key(village), [...(groups.get(key(village)) ?? []), village]);
    return [...groups.entries()].filter(([, villages]) => villages.length > 1);
  };
  const repeated = groupBy((village) => normaliseAreaName(village.name));

  it('counts 40 names spelt the same in several kecamatan, 33 of them in several kabupaten', () => {
    const sameSpelling = groupBy((village) => village.name.toLowerCase());
    expect(sameSpelling).toHaveLength(40);
    const acrossKabupaten = sameSpelling.filter(
      ([, villages]) => new Set(villages.map(kabupatenOf)).size > 1,
    );
    expect(acrossKabupaten).toHaveLength(33);
    expect(acrossKabupaten.map(([name]) => name)).toContain('sukadana');
    // Normalised, two more pairs meet: "Na'e"/"Nae" and "Beru"/"Desa Beru".
    const spelledAlike = new Set(sameSpelling.map(([name]) => normaliseAreaName(name)));
    expect(repeated.map(([name]) => name).filter((name) => !spelledAlike.has(name))).toEqual(['nae', 'beru']);
  });

  it.each(repeated)(
    '%s: ambiguous in NTB, resolved inside its kecamatan, and inside its kabupaten when unique there',
    (name, villages) => {
      const ambiguous = resolveArea(name, NTB, { level: 'village' });
      expect(ambiguous.status).toBe('ambiguous');
      if (ambiguous.status === 'ambiguous') {
        expect(ambiguous.candidates.map((a) => a.code)).toEqual(villages.map((v) => v.code).sort());
      }
      for (const village of villages) {
        const inKabupaten = villages.filter((v) => kabupatenOf(v) === kabupatenOf(village));
        const result = resolveArea(name, NTB, { level: 'village', within: kabupatenOf(village) });
        if (inKabupaten.length === 1) expect(summary(result)).toBe(`${village.code} (exact)`);
        else expect(result.status).toBe('ambiguous');
        expect(summary(resolveArea(name, NTB, { within: village.parentCode ?? '' }))).toBe(
          `${village.code} (exact)`,
        );
      }
    },
  );
});

describe('resolveArea: properties', () => {
  it('finds every NTB village by its own name inside its kecamatan, written in upper case with a prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VILLAGES),
        fc.constantFrom('', 'Desa ', 'Ds. ', 'Kel. '),
        (village, prefix) => {
          const result = resolveArea(`${prefix}${village.name.toUpperCase()}`, NTB, {
            within: village.parentCode ?? '',
            level: 'village',
          });
          expect(result).toMatchObject({ status: 'resolved', area: { code: village.code } });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never resolves a name to an area outside the given scope', () => {
    const kabupaten = NTB.filter((area) => area.level === 'regency').map((area) => area.code);
    fc.assert(
      fc.property(fc.constantFrom(...VILLAGES), fc.constantFrom(...kabupaten), (village, within) => {
        const result = resolveArea(village.name, NTB, { within });
        if (result.status === 'resolved') expect(result.area.code.startsWith(`${within}.`)).toBe(true);
        if (result.status === 'ambiguous') {
          for (const area of result.candidates) expect(area.code.startsWith(`${within}.`)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('editDistance counts a swap of neighbours as one edit and is symmetric', () => {
    expect(editDistance('sukadana', 'sukaadna')).toBe(1);
    expect(editDistance('suela', 'suwela')).toBe(1);
    expect(editDistance('pijot', 'pijot')).toBe(0);
    expect(editDistance('abc', 'xyz', 2)).toBe(2);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});
