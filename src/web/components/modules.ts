import type { ComponentType, SVGProps } from 'react';
import type { SessionUser } from '../../shared/contracts/accounts.ts';
import { canUseAdmin } from '../features/auth/permissions.ts';
import {
  AdminIcon,
  AreasIcon,
  BeneficiariesIcon,
  DashboardIcon,
  HomeIcon,
  MapIcon,
  PartnershipsIcon,
  PartnersIcon,
  ProgramsIcon,
  ReportsIcon,
  StrategyIcon,
} from './icons.tsx';

/**
 * The app's modules, in navigation order. `ready: false` modules route to a "coming soon" page
 * that describes them (i18n keys `nav.<key>` and `comingSoon.<key>`). `visibleTo` hides a module
 * from the navigation of users who could not use anything in it.
 */
export type AppModule = {
  key: string;
  path: string;
  ready: boolean;
  icon: ComponentType<SVGProps<SVGSVGElement> & { size?: number }>;
  visibleTo?: (user: SessionUser | null) => boolean;
};

export const APP_MODULES: readonly AppModule[] = [
  { key: 'home', path: '/', ready: true, icon: HomeIcon },
  { key: 'areas', path: '/wilayah', ready: true, icon: AreasIcon },
  { key: 'map', path: '/peta', ready: true, icon: MapIcon },
  { key: 'dashboard', path: '/dasbor', ready: true, icon: DashboardIcon },
  { key: 'partners', path: '/mitra', ready: true, icon: PartnersIcon },
  { key: 'programs', path: '/program', ready: true, icon: ProgramsIcon },
  { key: 'partnerships', path: '/kemitraan', ready: true, icon: PartnershipsIcon },
  { key: 'beneficiaries', path: '/penerima-manfaat', ready: false, icon: BeneficiariesIcon },
  { key: 'strategy', path: '/strategi-monev', ready: false, icon: StrategyIcon },
  { key: 'reports', path: '/laporan', ready: false, icon: ReportsIcon },
  { key: 'admin', path: '/admin', ready: true, icon: AdminIcon, visibleTo: canUseAdmin },
];

/** Province shown by default on Beranda and /wilayah (Nusa Tenggara Barat). */
export const HOME_AREA_CODE = '52';
