/** The Admin pages, loaded together on first visit to /admin. */
export { AdminHomePage } from './AdminHomePage.tsx';
export { AuditPage } from './AuditPage.tsx';
export { IssuesPage } from './IssuesPage.tsx';
export { UserDetailPage } from './UserDetailPage.tsx';
export { UsersPage } from './UsersPage.tsx';
