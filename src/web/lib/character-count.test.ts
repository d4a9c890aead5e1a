import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../shared/contracts/limits.ts';
import { characterCount } from './character-count.ts';

describe('characterCount', () => {
  it('stays hidden well within the limit', () => {
    expect(characterCount('Posyandu Keruak', TEXT_LIMITS.title)).toMatchObject({
      visible: false,
      over: false,
      length: 15,
    });
    expect(characterCount(null, TEXT_LIMITS.title)).toMatchObject({ visible: false, length: 0 });
  });

  it('shows near the limit and is not over at exactly the limit', () => {
    expect(characterCount('a'.repeat(287), 300)).toEqual({
      visible: true,
      over: false,
      length: 287,
      limit: 300,
      excess: 0,
    });
    expect(characterCount('a'.repeat(240), 300).visible).toBe(true);
    expect(characterCount('a'.repeat(239), 300).visible).toBe(false);
    expect(characterCount('a'.repeat(300), 300)).toMatchObject({ over: false, excess: 0 });
  });

  it('is over past the limit and says how much to remove', () => {
    expect(characterCount('a'.repeat(5000), TEXT_LIMITS.title)).toEqual({
      visible: true,
      over: true,
      length: 5000,
      limit: 300,
      excess: 4700,
    });
  });

  it('counts as the server does: surrounding spaces do not count', () => {
    expect(characterCount(`  ${'a'.repeat(300)}  `, 300)).toMatchObject({ length: 300, over: false });
  });
});
