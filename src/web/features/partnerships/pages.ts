/** The Kemitraan pages, loaded together on first visit to /kemitraan. */
export { CreatePartnershipPage, EditPartnershipPage } from './PartnershipFormPage.tsx';
export { PartnershipListPage } from './PartnershipListPage.tsx';
export { PartnershipPage } from './PartnershipPage.tsx';
