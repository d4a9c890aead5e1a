import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { APP_MODULES } from './components/modules.ts';
import { PageLoader } from './components/PageLoader.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { ProfilePage } from './features/auth/ProfilePage.tsx';
import { connectCsrfToSession, sessionKeys } from './features/auth/session.ts';
import { NotFoundPage } from './features/errors/NotFoundPage.tsx';
import { RouteErrorPage } from './features/errors/RouteErrorPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { ComingSoonPage } from './features/placeholder/ComingSoonPage.tsx';
import { ApiError } from './lib/api-client.ts';
import { useLocale } from './lib/useLocale.ts';
import { cssVariablesResolver, theme, withLocalisedLabels } from './theme.ts';

/** A page loaded on first visit, with the loader shown meanwhile. */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  const Page = lazy(() => load().then((m) => ({ default: pick(m) })));
  return (
    <Suspense fallback={<PageLoader />}>
      <Page />
    </Suspense>
  );
}

// The Wilayah page carries ECharts and the map code: loaded on first visit, not with Beranda.
const areaPage = lazyPage(
  () => import('./features/areas/AreaPage.tsx'),
  (m) => m.AreaPage,
);
// Mitra and Admin (forms, tables) are loaded when first opened.
const organisations = () => import('./features/organisations/pages.ts');
const admin = () => import('./features/admin/pages.ts');
// Programs, partnerships, and the map and dashboard (ECharts) are each loaded when first opened.
const programs = () => import('./features/programs/pages.ts');
const partnerships = () => import('./features/partnerships/pages.ts');
const whoWhatWhere = () => import('./features/whowhatwhere/pages.ts');

/**
 * An answer saying the session ended or a new password is due: ask for the session again, so
 * the header, the guards and the forced password page follow.
 */
function onApiError(error: unknown) {
  if (
    error instanceof ApiError &&
    (error.code === 'UNAUTHENTICATED' || error.code === 'PASSWORD_CHANGE_REQUIRED')
  ) {
    void queryClient.invalidateQueries({ queryKey: sessionKeys.session });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change on retry (unknown area, bad code); network and 5xx errors get two more tries.
      retry: (failureCount, error) => !(error instanceof ApiError && error.isClientError) && failureCount < 2,
    },
  },
});
connectCsrfToSession(queryClient);

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        // Pathless: a page that fails to render is replaced by an error message inside the shell.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'masuk', element: <LoginPage /> },
          { path: 'profil', element: <ProfilePage /> },
          { path: 'wilayah', element: areaPage },
          { path: 'wilayah/:code', element: areaPage },
          { path: 'mitra', element: lazyPage(organisations, (m) => m.DirectoryPage) },
          { path: 'mitra/baru', element: lazyPage(organisations, (m) => m.CreateOrganisationPage) },
          { path: 'mitra/impor', element: lazyPage(organisations, (m) => m.ImportPage) },
          { path: 'mitra/:id', element: lazyPage(organisations, (m) => m.OrganisationPage) },
          { path: 'mitra/:id/ubah', element: lazyPage(organisations, (m) => m.EditOrganisationPage) },
          { path: 'peta', element: lazyPage(whoWhatWhere, (m) => m.MapPage) },
          { path: 'dasbor', element: lazyPage(whoWhatWhere, (m) => m.DashboardPage) },
          { path: 'program', element: lazyPage(programs, (m) => m.ProgramListPage) },
          { path: 'program/baru', element: lazyPage(programs, (m) => m.CreateProgramPage) },
          {
            path: 'program/impor',
            element: lazyPage(
              () => import('./features/programs/import/ImportProgramsPage.tsx'),
              (m) => m.ImportProgramsPage,
            ),
          },
          { path: 'program/:id', element: lazyPage(programs, (m) => m.ProgramPage) },
          { path: 'program/:id/ubah', element: lazyPage(programs, (m) => m.EditProgramPage) },
          { path: 'kemitraan', element: lazyPage(partnerships, (m) => m.PartnershipListPage) },
          { path: 'kemitraan/baru', element: lazyPage(partnerships, (m) => m.CreatePartnershipPage) },
          { path: 'kemitraan/:id', element: lazyPage(partnerships, (m) => m.PartnershipPage) },
          { path: 'kemitraan/:id/ubah', element: lazyPage(partnerships, (m) => m.EditPartnershipPage) },
          { path: 'admin', element: lazyPage(admin, (m) => m.AdminHomePage) },
          { path: 'admin/pengguna', element: lazyPage(admin, (m) => m.UsersPage) },
          { path: 'admin/pengguna/:id', element: lazyPage(admin, (m) => m.UserDetailPage) },
          { path: 'admin/isu', element: lazyPage(admin, (m) => m.IssuesPage) },
          { path: 'admin/audit', element: lazyPage(admin, (m) => m.AuditPage) },
          ...APP_MODULES.filter((m) => !m.ready).map((m) => ({
            path: m.path,
            element: <ComingSoonPage moduleKey={m.key} />,
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/** Calendars follow the interface language (Indonesian month names by default), weeks start on Monday. */
function LocalisedDates({ children }: { children: ReactNode }) {
  const locale = useLocale();
  return <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

export function App() {
  const { t } = useTranslation();
  // Mantine's own built-in labels are English; give them the reader's language.
  const localisedTheme = useMemo(() => withLocalisedLabels(theme, t), [t]);
  return (
    <MantineProvider
      theme={localisedTheme}
      defaultColorScheme="light"
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="top-right" limit={4} />
      <LocalisedDates>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </LocalisedDates>
    </MantineProvider>
  );
}
