import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEXT_LIMITS } from '../../shared/contracts/limits.ts';
import { createProgramBody } from '../../shared/contracts/programs.ts';
import en from '../i18n/en.json';
import id from '../i18n/id.json';
import { ApiError } from './api-client.ts';
import { type FieldProblem, fieldMessage, problemsFromApiError, problemsFromZod } from './form-errors.ts';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'id',
  resources: { id: { translation: id }, en: { translation: en } },
  initAsync: false,
});

describe('field problems', () => {
  it('keep the first zod issue of each path, with its limits', () => {
    const schema = z.object({ name: z.string().min(2).max(5).regex(/^a/), tags: z.array(z.string().min(1)) });
    const result = schema.safeParse({ name: 'b', tags: ['x', ''] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(problemsFromZod(result.error.issues)).toEqual({
      name: { code: 'too_small', minimum: 2 },
      'tags.1': { code: 'too_small', minimum: 1 },
    });
  });

  it('name text over its limit too_long with the limit, from the browser and from the server alike', () => {
    const result = createProgramBody.safeParse({ title: 'x'.repeat(5000), issues: [] });
    expect(result.success).toBe(false);
    if (result.success) return;
    const fromBrowser = problemsFromZod(result.error.issues);
    expect(fromBrowser.title).toEqual({ code: 'too_long', maximum: TEXT_LIMITS.title });
    // An array over its maximum stays too_big: only text is too_long.
    expect(
      problemsFromZod(
        z.object({ a: z.array(z.number()).max(1) }).safeParse({ a: [1, 2] }).error?.issues ?? [],
      ),
    ).toEqual({ a: { code: 'too_big', maximum: 1 } });
    const fromServer = problemsFromApiError(
      new ApiError('VALIDATION_FAILED', 400, '', null, [
        { path: 'body.title', message: 'at most 300 characters', code: 'too_long', limit: 300 },
      ]),
    );
    expect(fromServer).toEqual({ title: fromBrowser.title });
    expect(fieldMessage(i18n.t, 'program', 'title', fromServer.title as FieldProblem)).toBe(
      'Paling banyak 300 karakter.',
    );
    expect(
      fieldMessage(i18n.getFixedT('id'), 'program', 'description', { code: 'too_long', maximum: 5000 }),
    ).toBe('Paling banyak 5.000 karakter.');
    expect(
      fieldMessage(i18n.getFixedT('en'), 'program', 'description', { code: 'too_long', maximum: 5000 }),
    ).toBe('At most 5,000 characters.');
  });

  it('read VALIDATION_FAILED details and single-field conflicts, and ignore other errors', () => {
    const invalid = new ApiError('VALIDATION_FAILED', 400, '', null, [
      { path: 'body.currentPassword', message: 'wrong password', code: 'wrong_password' },
      { path: 'query.limit', message: 'too big', code: 'too_big' },
    ]);
    expect(problemsFromApiError(invalid)).toEqual({ currentPassword: { code: 'wrong_password' } });
    const taken = new ApiError('EMAIL_TAKEN', 409, '', null, [
      { path: 'body.email', message: 'already registered' },
    ]);
    expect(problemsFromApiError(taken)).toEqual({ email: { code: 'taken' } });
    expect(problemsFromApiError(new ApiError('FORBIDDEN', 403, '', null))).toEqual({});
    expect(problemsFromApiError(new Error('boom'))).toEqual({});
  });

  it('word a problem from the most specific translation down to a generic one', () => {
    const t = i18n.getFixedT('id');
    expect(fieldMessage(t, 'organisation', 'contacts.3.email', { code: 'invalid_format' })).toBe(
      'Tulis alamat email yang lengkap, mis. nama@lembaga.or.id.',
    );
    expect(fieldMessage(t, 'organisation', 'address', { code: 'invalid_format' })).toBe(
      'Formatnya tidak sesuai.',
    );
    expect(fieldMessage(t, 'nowhere', 'x', { code: 'something_new' })).toBe('Isian ini tidak valid.');
    expect(fieldMessage(i18n.getFixedT('en'), 'nowhere', 'x', { code: 'required' })).toBe('Required.');
  });
});
