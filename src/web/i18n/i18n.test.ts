import { describe, expect, it } from 'vitest';
import en from './en.json';
import id from './id.json';

type Tree = { [key: string]: string | Tree };

/** Leaf keys, with i18next plural suffixes folded away (Indonesian has one form, English two). */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const k of keys(value, path)) out.add(k);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

describe('translations', () => {
  it('have the same keys in Indonesian and English', () => {
    const idKeys = keys(id);
    const enKeys = keys(en);
    expect([...idKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !idKeys.has(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const idLeaves = leaves(id);
    const enLeaves = leaves(en);
    const fold = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
    const idByKey = new Map([...idLeaves].map(([k, v]) => [fold(k), v]));
    for (const [key, text] of enLeaves) {
      const other = idByKey.get(fold(key));
      if (other === undefined) continue;
      // {{count}} may be implied by a plural form in one language and spelled out in the other.
      const strip = (names: string[]) => names.filter((n) => n !== 'count');
      expect(strip(placeholders(text)), key).toEqual(strip(placeholders(other)));
    }
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...leaves(id), ...leaves(en)]) expect(text.trim(), key).not.toBe('');
  });
});
