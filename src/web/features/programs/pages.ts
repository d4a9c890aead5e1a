/** The Program pages, loaded together on first visit to /program. */
export { CreateProgramPage, EditProgramPage } from './ProgramFormPage.tsx';
export { ProgramListPage } from './ProgramListPage.tsx';
export { ProgramPage } from './ProgramPage.tsx';
