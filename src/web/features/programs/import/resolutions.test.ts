import { describe, expect, it } from 'vitest';
import {
  answerTo,
  cellDisplay,
  columnChoices,
  columnLetter,
  doubleMapped,
  resolutionKey,
  withoutResolution,
  withResolution,
} from './resolutions.ts';

describe('answers to import problems', () => {
  it('keep one answer per cell and item, the latest', () => {
    const first = withResolution([], { row: 13, column: 'L', item: '#scope', value: '52.02' });
    const second = withResolution(first, { row: 13, column: 'L', item: '#scope', value: '52.02.01' });
    const other = withResolution(second, { row: 10, column: 'G', item: 'Naru', value: '52.06.06.2005' });
    expect(other).toEqual([
      { row: 13, column: 'L', item: '#scope', value: '52.02.01' },
      { row: 10, column: 'G', item: 'Naru', value: '52.06.06.2005' },
    ]);
    expect(withoutResolution(other, resolutionKey({ row: 13, column: 'L', item: '#scope' }))).toEqual([
      { row: 10, column: 'G', item: 'Naru', value: '52.06.06.2005' },
    ]);
  });

  it('answer a problem at its place, and not one without a column', () => {
    const problem = { row: 8, column: 'F', field: 'budgetPlanned', code: 'money_not_an_amount', message: '' };
    expect(answerTo(problem, '100000000')).toEqual({ row: 8, column: 'F', value: '100000000' });
    expect(answerTo({ ...problem, column: '' }, 'x')).toBeNull();
  });

  it('answer a question asked once per value for every row holding it', () => {
    const owner = { row: 7, column: 'C', item: 'PT BARU CONTOH LESTARI', allRows: true };
    const answer = answerTo(owner, '#new:private_company');
    expect(answer).toEqual({ ...owner, value: '#new:private_company' });
    // One answer per value, whatever row it was given at; a row's own answer stays apart.
    expect(resolutionKey({ ...owner, row: 9 })).toBe(resolutionKey(owner));
    expect(resolutionKey({ row: 7, column: 'C', item: 'PT BARU CONTOH LESTARI' })).not.toBe(
      resolutionKey(owner),
    );
  });
});

describe('columns and cells', () => {
  it('name columns as Excel does', () => {
    expect([0, 11, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'L', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('offer every column with its header text', () => {
    expect(columnChoices(['No', null, 'Nama Program'], 4, 'id')).toEqual([
      { value: 'A', label: 'A · No' },
      { value: 'B', label: 'B' },
      { value: 'C', label: 'C · Nama Program' },
      { value: 'D', label: 'D' },
    ]);
  });

  it('show date cells as dates', () => {
    expect(cellDisplay({ d: '2025-04-01' }, 'id')).toMatch(/2025/);
    expect(cellDisplay(450_000_000, 'id')).toBe('450000000');
    expect(cellDisplay(null, 'id')).toBe('');
  });

  it('find a column mapped twice', () => {
    expect(doubleMapped({ title: 'C', description: 'C', villages: 'G' })).toEqual(['description']);
  });
});
