import { describe, expect, it } from 'vitest';
import { groupVillages, villageCounts } from './village-groups.ts';

const village = (code: string, name: string, districtName: string, regencyName: string) => ({
  code,
  name,
  districtCode: code.split('.').slice(0, 3).join('.'),
  districtName,
  regencyCode: code.split('.').slice(0, 2).join('.'),
  regencyName,
});

describe('villages grouped by kabupaten and kecamatan', () => {
  it('nest in code order, with names from the villages', () => {
    const groups = groupVillages([
      village('52.03.02.2001', 'Tanjung Luar', 'Keruak', 'Kabupaten Lombok Timur'),
      village('52.01.01.2003', 'Gerung Utara', 'Gerung', 'Kabupaten Lombok Barat'),
      village('52.03.01.2010', 'Pijot', 'Jerowaru', 'Kabupaten Lombok Timur'),
      village('52.03.01.2002', 'Ekas Buana', 'Jerowaru', 'Kabupaten Lombok Timur'),
    ]);
    expect(groups.map((g) => [g.name, g.villageCount])).toEqual([
      ['Kabupaten Lombok Barat', 1],
      ['Kabupaten Lombok Timur', 3],
    ]);
    const lotim = groups[1];
    expect(lotim?.districts.map((d) => d.name)).toEqual(['Jerowaru', 'Keruak']);
    expect(lotim?.districts[0]?.villages.map((v) => v.name)).toEqual(['Ekas Buana', 'Pijot']);
  });

  it('group by code alone when names are not known yet (the code stands in)', () => {
    const groups = groupVillages([{ code: '52.03.01.2002', name: 'Ekas Buana' }]);
    expect(groups).toEqual([
      {
        code: '52.03',
        name: '52.03',
        villageCount: 1,
        districts: [
          { code: '52.03.01', name: '52.03.01', villages: [{ code: '52.03.01.2002', name: 'Ekas Buana' }] },
        ],
      },
    ]);
  });

  it('sort village codes numerically (segment 2010 after 2002, 10 after 9)', () => {
    const groups = groupVillages([
      { code: '52.03.10.2001', name: 'b' },
      { code: '52.03.09.2001', name: 'a' },
    ]);
    expect(groups[0]?.districts.map((d) => d.code)).toEqual(['52.03.09', '52.03.10']);
  });

  it('count kabupaten, kecamatan and distinct villages', () => {
    expect(
      villageCounts([
        { code: '52.03.01.2002', name: 'a' },
        { code: '52.03.01.2003', name: 'b' },
        { code: '52.03.02.2001', name: 'c' },
        { code: '52.01.01.2001', name: 'd' },
      ]),
    ).toEqual({ regencies: 2, districts: 3, villages: 4 });
    expect(villageCounts([])).toEqual({ regencies: 0, districts: 0, villages: 0 });
  });
});
