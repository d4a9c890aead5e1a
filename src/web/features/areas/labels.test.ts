import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import id from '../../i18n/id.json';
import { childLevelOf, formatStatistic, placeName, shortRegionName, statisticLabel } from './labels.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: 'id',
    initAsync: false,
  });
});
const tIn = (lng: 'id' | 'en') => i18n.getFixedT(lng);

describe('area labels', () => {
  it('walks one level down the hierarchy', () => {
    expect(childLevelOf('province')).toBe('regency');
    expect(childLevelOf('regency')).toBe('district');
    expect(childLevelOf('district')).toBe('village');
    expect(childLevelOf('village')).toBeNull();
  });

  it('names a place with its kind, except kabupaten/kota whose names carry it', () => {
    expect(placeName(tIn('id'), { name: 'Keruak', kind: 'kecamatan' })).toBe('Kecamatan Keruak');
    expect(placeName(tIn('en'), { name: 'Keruak', kind: 'kecamatan' })).toBe('Keruak District');
    expect(placeName(tIn('id'), { name: 'Kabupaten Lombok Timur', kind: 'kabupaten' })).toBe(
      'Kabupaten Lombok Timur',
    );
  });

  it('formats statistics in Indonesian style by unit', () => {
    const stat = { indicator: 'population', year: 2025, value: 5778713, unit: 'persons', source: 'x' };
    expect(formatStatistic(tIn('id'), stat, 'id')).toBe('5.778.713 jiwa');
    expect(formatStatistic(tIn('en'), stat, 'en')).toBe('5,778,713 people');
    const rate = { ...stat, indicator: 'poverty_rate', value: 11.78, unit: 'percent' };
    expect(formatStatistic(tIn('id'), rate, 'id')).toBe('11,78%');
    const unknown = { ...stat, indicator: 'wells', value: 3.5, unit: 'buah' };
    expect(formatStatistic(tIn('id'), unknown, 'id')).toBe('3,50 buah');
  });

  it('labels known indicators and shows unknown ones readably', () => {
    expect(statisticLabel(tIn('id'), 'poverty_rate')).toBe('Persentase penduduk miskin');
    expect(statisticLabel(tIn('en'), 'clean_water_access')).toBe('clean water access');
  });
});

describe('shortRegionName', () => {
  it('keeps the part of a kabupaten name that tells it apart', () => {
    const lotim = shortRegionName('Kabupaten Lombok Timur');
    const loteng = shortRegionName('Kabupaten Lombok Tengah');
    expect(lotim).toBe('Lombok Timur');
    expect(loteng).toBe('Lombok Tengah');
    // A label cut to 18 characters was the bug: the short names still differ there.
    expect(lotim.slice(0, 15)).not.toBe(loteng.slice(0, 15));
    expect(shortRegionName('Kota Mataram')).toBe('Kota Mataram');
  });
});
