/** The who-does-what-where pages (map and dashboard), loaded together on first visit. */
export { DashboardPage } from './DashboardPage.tsx';
export { MapPage } from './MapPage.tsx';
