import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import id from '../../i18n/id.json';
import { programCountScope } from './labels.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: 'id',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
});

describe('programCountScope', () => {
  it('says the list counts drafts and cancelled programs and the map/dashboard do not', () => {
    const t = i18n.getFixedT('id');
    expect(programCountScope(t, undefined, 'list')).toMatch(/termasuk draf dan dibatalkan/);
    expect(programCountScope(t, [], 'list')).toMatch(/termasuk draf dan dibatalkan/);
    expect(programCountScope(t, undefined, 'mapped')).toMatch(/draf dan dibatalkan tidak dihitung/);
    expect(programCountScope(i18n.getFixedT('en'), undefined, 'mapped')).toMatch(/drafts and cancelled/);
  });

  it('names the chosen statuses when the reader filtered by status', () => {
    const t = i18n.getFixedT('id');
    expect(programCountScope(t, ['active', 'completed'], 'mapped')).toBe(
      'menghitung status: Berjalan, Selesai',
    );
    expect(programCountScope(t, ['draft'], 'list')).toBe('menghitung status: Draf');
  });
});
