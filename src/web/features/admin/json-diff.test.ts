import { describe, expect, it } from 'vitest';
import { diffRows, flatten, showValue } from './json-diff.ts';

describe('audit before/after', () => {
  it('flattens nested objects to dotted paths and keeps lists whole', () => {
    expect([...flatten({ a: 1, b: { c: 'x', d: [1, 2] }, e: {} })]).toEqual([
      ['a', 1],
      ['b.c', 'x'],
      ['b.d', [1, 2]],
      ['e', {}],
    ]);
    expect([...flatten('text')]).toEqual([['', 'text']]);
  });

  it('marks each value added, removed, changed or the same', () => {
    const rows = diffRows(
      { legalName: 'Yayasan A', issues: ['tengkes'], website: null, contacts: '1 contact(s)' },
      { legalName: 'Yayasan B', issues: ['tengkes'], address: 'Jl. Baru', contacts: '1 contact(s)' },
    );
    expect(rows.map((r) => [r.path, r.kind])).toEqual([
      ['address', 'added'],
      ['contacts', 'same'],
      ['issues', 'same'],
      ['legalName', 'changed'],
      ['website', 'removed'],
    ]);
  });

  it('treats a create (no before) as all added and an entry without data as empty', () => {
    expect(diffRows(null, { key: 'x' })).toEqual([
      { path: 'key', before: undefined, after: 'x', kind: 'added' },
    ]);
    expect(diffRows(null, null)).toEqual([]);
  });

  it('shows strings as they are and other values as JSON', () => {
    expect(showValue('Jl. Baru')).toBe('Jl. Baru');
    expect(showValue(['a', 'b'])).toBe('["a","b"]');
    expect(showValue(null)).toBe('null');
    expect(showValue(undefined)).toBe('');
  });
});
