/** The Mitra pages, loaded together on first visit to /mitra. */
export { DirectoryPage } from './DirectoryPage.tsx';
export { ImportPage } from './ImportPage.tsx';
export { CreateOrganisationPage, EditOrganisationPage } from './OrganisationFormPage.tsx';
export { OrganisationPage } from './OrganisationPage.tsx';
