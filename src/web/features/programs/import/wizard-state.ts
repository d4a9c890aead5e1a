import type {
  ImportField,
  ImportMappingBody,
  ImportPreview,
  ImportResolution,
  SheetPreview,
  UploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';

/** The wizard's steps: upload, sheet and header row, mapping, preview with answers, save. */
export type WizardStep = 0 | 1 | 2 | 3 | 4;
export type Owner = { id: string; legalName: string } | null;
export type Defaults = NonNullable<ImportMappingBody['defaults']>;
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Everything the person has chosen so far, and the last preview the server gave. */
export type WizardState = {
  step: WizardStep;
  workbook: UploadedWorkbook | null;
  sheet: string;
  headerRow: number;
  columns: ColumnMapping;
  owner: Owner;
  defaults: Defaults;
  resolutions: ImportResolution[];
  /** Kept on screen while the next preview is checked, or if that check fails. */
  current: ImportPreview | null;
};

export type WizardAction =
  | { type: 'uploaded'; workbook: UploadedWorkbook }
  | { type: 'sheetChosen'; name: string }
  | { type: 'headerRowChosen'; row: number; guess: SheetPreview['guess'] | undefined }
  | { type: 'columnsChanged'; columns: ColumnMapping }
  | { type: 'columnsGuessed'; columns: ColumnMapping }
  | { type: 'ownerChanged'; owner: Owner }
  | { type: 'defaultsChanged'; defaults: Defaults }
  | { type: 'resolutionsChanged'; resolutions: ImportResolution[] }
  | { type: 'previewed'; preview: ImportPreview }
  | { type: 'checked'; preview: ImportPreview }
  | { type: 'saveStarted' }
  | { type: 'stepChosen'; step: WizardStep };

/** A fresh wizard; an editor of one organisation imports for it without choosing. */
export function initialWizardState(owner: Owner): WizardState {
  return {
    step: 0,
    workbook: null,
    sheet: '',
    headerRow: 1,
    columns: {},
    owner,
    defaults: { status: 'active' },
    resolutions: [],
    current: null,
  };
}

/**
 * A sheet is chosen: answers given for another sheet no longer apply. The first sheet comes with
 * the server's guess (header row, columns, a year from the title rows); another sheet starts from
 * row 1 with nothing mapped, and the server guesses when the mapping step opens.
 */
function withSheet(state: WizardState, name: string, guess: SheetPreview['guess'] | undefined): WizardState {
  const chosen = { ...state, sheet: name, resolutions: [] };
  if (!guess) return { ...chosen, headerRow: 1, columns: {} };
  return {
    ...chosen,
    headerRow: guess.headerRow ?? 1,
    columns: guess.columns,
    // A year the person already set is kept.
    defaults: guess.year ? { ...state.defaults, year: state.defaults.year ?? guess.year } : state.defaults,
  };
}

/** The wizard's one state transition: what each choice and each server answer changes. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'uploaded':
      return {
        ...withSheet(
          { ...state, workbook: action.workbook },
          action.workbook.preview.name,
          action.workbook.preview.guess,
        ),
        step: 1,
      };
    case 'sheetChosen': {
      const first = state.workbook?.preview;
      return withSheet(state, action.name, first && action.name === first.name ? first.guess : undefined);
    }
    case 'headerRowChosen':
      // The guess belongs to the guessed header row; another row is mapped afresh by the server.
      return {
        ...state,
        headerRow: action.row,
        columns: action.row === action.guess?.headerRow ? action.guess.columns : {},
      };
    case 'columnsChanged':
      return { ...state, columns: action.columns };
    case 'columnsGuessed':
      return { ...state, columns: action.columns, step: 2 };
    case 'ownerChanged':
      return { ...state, owner: action.owner };
    case 'defaultsChanged':
      return { ...state, defaults: action.defaults };
    case 'resolutionsChanged':
      return { ...state, resolutions: action.resolutions };
    case 'previewed':
      return { ...state, current: action.preview };
    case 'checked':
      return { ...state, current: action.preview, step: 3 };
    case 'saveStarted':
      return { ...state, step: 4 };
    case 'stepChosen':
      return { ...state, step: action.step };
  }
}

/** The body of a preview or commit request for the wizard's choices and the given answers. */
export function mappingBodyOf(
  state: WizardState,
  answers: ImportResolution[] = state.resolutions,
  columns: ColumnMapping = state.columns,
): ImportMappingBody {
  return {
    sheet: state.sheet,
    headerRow: state.headerRow,
    columns,
    ...(state.owner ? { ownerOrgId: state.owner.id } : {}),
    defaults: state.defaults,
    resolutions: answers,
  };
}
