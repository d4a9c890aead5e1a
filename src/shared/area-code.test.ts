import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  isWellFormedAreaCode,
  kindOfCode,
  levelOfCode,
  normalizeAreaName,
  parentCode,
} from './area-code.ts';

describe('Kemendagri area codes', () => {
  it('accepts the four levels and nothing else', () => {
    for (const code of ['52', '52.03', '52.03.01', '52.03.01.2002'])
      expect(isWellFormedAreaCode(code)).toBe(true);
    for (const code of [
      '5',
      '52.3',
      '52.03.1',
      '52.03.01.202',
      '52.03.01.20021',
      '5203',
      '52-03',
      ' 52',
      '52.',
    ]) {
      expect(isWellFormedAreaCode(code), code).toBe(false);
    }
  });

  it('derives level, parent, ancestors and kind from the code', () => {
    expect(levelOfCode('52.03.01.2002')).toBe('village');
    expect(parentCode('52.03.01.2002')).toBe('52.03.01');
    expect(parentCode('52')).toBeNull();
    expect(ancestorCodes('52.03.01.2002')).toEqual(['52', '52.03', '52.03.01']);
    expect(kindOfCode('52.71')).toBe('kota');
    expect(kindOfCode('52.08')).toBe('kabupaten');
    expect(kindOfCode('52.71.01.1001')).toBe('kelurahan');
    expect(kindOfCode('52.03.01.2002')).toBe('desa');
  });

  it('ancestors of any well-formed code are well-formed prefixes (property)', () => {
    const segment = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const code = fc
      .tuple(segment(2), segment(2), segment(2), segment(4), fc.integer({ min: 1, max: 4 }))
      .map(([a, b, c, d, depth]) => [a, b, c, d].slice(0, depth).join('.'));
    fc.assert(
      fc.property(code, (c) => {
        expect(isWellFormedAreaCode(c)).toBe(true);
        for (const ancestor of ancestorCodes(c)) {
          expect(isWellFormedAreaCode(ancestor)).toBe(true);
          expect(c.startsWith(`${ancestor}.`)).toBe(true);
        }
      }),
    );
  });

  it('normalises names for search', () => {
    expect(normalizeAreaName("Hu'u")).toBe('huu');
    expect(normalizeAreaName('  KOTA   Mataram ')).toBe('kota mataram');
    expect(normalizeAreaName('Sémbalun')).toBe('sembalun');
  });
});
