import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import id from '../../i18n/id.json';
import { ApiError } from '../../lib/api-client.ts';
import { fieldMessage } from '../../lib/form-errors.ts';
import {
  bodyOfValues,
  changesLegalFields,
  emptyOrganisationValues,
  type OrganisationFormValues,
  serverProblems,
  validateOrganisationValues,
} from './form-values.ts';

const valid = (patch: Partial<OrganisationFormValues> = {}): OrganisationFormValues => ({
  ...emptyOrganisationValues(),
  legalName: 'Yayasan Contoh Sejahtera',
  type: 'ngo',
  areaCode: { code: '52.03', name: 'Kabupaten Lombok Timur' },
  ...patch,
});

const t = i18next.createInstance();
await t.init({
  lng: 'id',
  resources: { id: { translation: id }, en: { translation: en } },
  initAsync: false,
});

describe('organisation form validation (shared createOrganisationBody)', () => {
  it('accepts a minimal organisation and sends blanks as null', () => {
    expect(validateOrganisationValues(valid())).toEqual({});
    const { body } = bodyOfValues(valid({ shortName: '  ', website: '' }));
    expect(body).toMatchObject({
      legalName: 'Yayasan Contoh Sejahtera',
      shortName: null,
      website: null,
      level: null,
    });
  });

  it('reports a two-letter legal name as too short, in Indonesian and English', () => {
    const problems = validateOrganisationValues(valid({ legalName: 'ab' }));
    expect(problems).toEqual({ legalName: { code: 'too_small', minimum: 3 } });
    const message = (lng: string) =>
      fieldMessage(t.getFixedT(lng), 'organisation', 'legalName', problems.legalName ?? { code: '' });
    expect(message('id')).toBe('Nama resmi minimal 3 karakter.');
    expect(message('en')).toBe('The legal name needs at least 3 characters.');
  });

  it('says "required" for empty required fields, whatever check the schema tripped on', () => {
    const problems = validateOrganisationValues(emptyOrganisationValues());
    expect(problems).toMatchObject({
      legalName: { code: 'required' },
      type: { code: 'required' },
      areaCode: { code: 'required' },
    });
  });

  it('refuses a website without http(s)', () => {
    expect(validateOrganisationValues(valid({ website: 'yayasan.or.id' }))).toEqual({
      website: { code: 'invalid_format' },
    });
    expect(validateOrganisationValues(valid({ website: 'https://yayasan.or.id' }))).toEqual({});
  });

  it('asks for a level only for government agencies and LKKS, and drops it for other types', () => {
    expect(validateOrganisationValues(valid({ type: 'government' }))).toEqual({
      level: { code: 'required' },
    });
    expect(validateOrganisationValues(valid({ type: 'lkks', level: 'regency' }))).toEqual({});
    expect(bodyOfValues(valid({ type: 'ngo', level: 'province' })).body.level).toBeNull();
  });

  it('puts contact errors on the right row even when a blank row before it is left out', () => {
    const values = valid({
      contacts: [
        { name: '', position: '', phone: '', email: '' },
        { name: 'Siti', position: '', phone: 'abc', email: 'siti@' },
      ],
    });
    expect(bodyOfValues(values).contactRows).toEqual([1]);
    expect(validateOrganisationValues(values)).toEqual({
      'contacts.1.phone': { code: 'invalid_format' },
      'contacts.1.email': { code: 'invalid_format' },
    });
    const named = valid({ contacts: [{ name: '', position: 'Ketua', phone: '', email: '' }] });
    expect(validateOrganisationValues(named)).toEqual({ 'contacts.0.name': { code: 'required' } });
  });

  it('maps the server’s details the same way (body paths, list items onto their picker)', () => {
    const values = valid({
      contacts: [
        { name: '', position: '', phone: '', email: '' },
        { name: 'Siti', position: '', phone: '', email: '' },
      ],
    });
    const error = new ApiError('VALIDATION_FAILED', 400, 'The request is not valid.', 'req-1', [
      { path: 'body.legalName', message: 'Too small', code: 'too_small' },
      { path: 'body.coverageAreas.2', message: 'unknown area code 52.99', code: 'unknown_area' },
      { path: 'body.contacts.0.email', message: 'Invalid email address', code: 'invalid_format' },
    ]);
    expect(serverProblems(error, values)).toEqual({
      legalName: { code: 'too_small' },
      coverageAreas: { code: 'unknown_area' },
      'contacts.1.email': { code: 'invalid_format' },
    });
    expect(serverProblems(new ApiError('VERSION_CONFLICT', 409, '', null), values)).toEqual({});
  });
});

describe('changesLegalFields (the edit that returns a verified organisation to review)', () => {
  it('is true for the legal name, type, level and seat, not for other fields', () => {
    const before = valid();
    expect(changesLegalFields(before, valid())).toBe(false);
    expect(changesLegalFields(before, valid({ legalName: ' Yayasan Contoh Sejahtera ' }))).toBe(false);
    expect(
      changesLegalFields(before, valid({ description: 'Baru', shortName: 'YCS', issues: ['tengkes'] })),
    ).toBe(false);
    expect(changesLegalFields(before, valid({ legalName: 'Yayasan Lain' }))).toBe(true);
    expect(changesLegalFields(before, valid({ type: 'philanthropy' }))).toBe(true);
    expect(changesLegalFields(before, valid({ type: 'government', level: 'regency' }))).toBe(true);
    expect(changesLegalFields(before, valid({ areaCode: { code: '52.03.01', name: 'Keruak' } }))).toBe(true);
  });
});
