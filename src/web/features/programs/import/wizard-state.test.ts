import { describe, expect, it } from 'vitest';
import type { ImportPreview, UploadedWorkbook } from '../../../../shared/contracts/program-import.ts';
import { initialWizardState, mappingBodyOf, type WizardState, wizardReducer } from './wizard-state.ts';

const guess = {
  headerRow: 4,
  columns: { title: 'B', budgetPlanned: 'F' },
  headers: ['No', 'Kegiatan'],
  year: 2025,
};

const workbook: UploadedWorkbook = {
  importId: '00000000-0000-4000-8000-000000000001',
  fileName: 'rekap.xlsx',
  expiresAt: '2026-12-02T20:00:00.000Z',
  sheets: [
    { name: 'Rekap', rows: 40, columns: 12 },
    { name: 'Lampiran', rows: 9, columns: 4 },
  ],
  preview: { name: 'Rekap', rows: 40, columns: 12, grid: [], guess },
};

const OWNER = { id: '00000000-0000-4000-8000-0000000000aa', legalName: 'Yayasan Peduli Anak Sasak' };
const ANSWER = { row: 8, column: 'F', value: '100000000' };

function uploaded(state: WizardState = initialWizardState(null)): WizardState {
  return wizardReducer(state, { type: 'uploaded', workbook });
}

describe('the import wizard state', () => {
  it('starts at the upload with status active and the only owner an editor may choose', () => {
    expect(initialWizardState(OWNER)).toMatchObject({
      step: 0,
      workbook: null,
      headerRow: 1,
      columns: {},
      owner: OWNER,
      defaults: { status: 'active' },
      resolutions: [],
      current: null,
    });
  });

  it('takes the first sheet and the server guess on upload, and opens the sheet step', () => {
    const state = uploaded();
    expect(state).toMatchObject({
      step: 1,
      workbook,
      sheet: 'Rekap',
      headerRow: 4,
      columns: guess.columns,
      defaults: { status: 'active', year: 2025 },
    });
  });

  it('keeps a year already chosen over the year the title rows name', () => {
    const chosen = wizardReducer(initialWizardState(null), {
      type: 'defaultsChanged',
      defaults: { status: 'planned', year: 2024 },
    });
    expect(uploaded(chosen).defaults).toEqual({ status: 'planned', year: 2024 });
  });

  it('starts another sheet from row 1 with nothing mapped and forgets the answers, and guesses again on the first', () => {
    const answered = wizardReducer(uploaded(), { type: 'resolutionsChanged', resolutions: [ANSWER] });
    const other = wizardReducer(answered, { type: 'sheetChosen', name: 'Lampiran' });
    expect(other).toMatchObject({ sheet: 'Lampiran', headerRow: 1, columns: {}, resolutions: [] });
    const back = wizardReducer(other, { type: 'sheetChosen', name: 'Rekap' });
    expect(back).toMatchObject({ sheet: 'Rekap', headerRow: 4, columns: guess.columns });
  });

  it('keeps the guess only for the guessed header row', () => {
    const moved = wizardReducer(uploaded(), { type: 'headerRowChosen', row: 5, guess });
    expect(moved).toMatchObject({ headerRow: 5, columns: {} });
    const again = wizardReducer(moved, { type: 'headerRowChosen', row: 4, guess });
    expect(again).toMatchObject({ headerRow: 4, columns: guess.columns });
    expect(wizardReducer(moved, { type: 'headerRowChosen', row: 4, guess: undefined }).columns).toEqual({});
  });

  it('moves through mapping, preview and save as the server answers', () => {
    const preview = { valid: true, programs: [] } as unknown as ImportPreview;
    const guessed = wizardReducer(uploaded(), { type: 'columnsGuessed', columns: { title: 'C' } });
    expect(guessed).toMatchObject({ step: 2, columns: { title: 'C' } });
    const previewed = wizardReducer(guessed, { type: 'previewed', preview });
    expect(previewed).toMatchObject({ step: 2, current: preview });
    const checked = wizardReducer(guessed, { type: 'checked', preview });
    expect(checked).toMatchObject({ step: 3, current: preview });
    expect(wizardReducer(checked, { type: 'saveStarted' }).step).toBe(4);
    expect(wizardReducer(checked, { type: 'stepChosen', step: 2 }).step).toBe(2);
  });

  it('sends the choices as the mapping body, with the owner only when one is chosen', () => {
    const state = wizardReducer(uploaded(), { type: 'resolutionsChanged', resolutions: [ANSWER] });
    expect(mappingBodyOf(state)).toEqual({
      sheet: 'Rekap',
      headerRow: 4,
      columns: guess.columns,
      defaults: { status: 'active', year: 2025 },
      resolutions: [ANSWER],
    });
    const owned = wizardReducer(state, { type: 'ownerChanged', owner: OWNER });
    expect(mappingBodyOf(owned, [], {})).toEqual({
      sheet: 'Rekap',
      headerRow: 4,
      columns: {},
      ownerOrgId: OWNER.id,
      defaults: { status: 'active', year: 2025 },
      resolutions: [],
    });
  });
});
