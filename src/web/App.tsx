import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { APP_MODULES } from './components/modules.ts';
import { NotFoundPage } from './features/errors/NotFoundPage.tsx';
import { RouteErrorPage } from './features/errors/RouteErrorPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { ComingSoonPage } from './features/placeholder/ComingSoonPage.tsx';
import { ApiError } from './lib/api-client.ts';
import { cssVariablesResolver, theme } from './theme.ts';

// The Wilayah page carries ECharts and the map code: loaded on first visit, not with Beranda.
const AreaPage = lazy(() => import('./features/areas/AreaPage.tsx').then((m) => ({ default: m.AreaPage })));

function PageLoader() {
  return (
    <Center mih={240}>
      <Loader />
    </Center>
  );
}

const areaPage = (
  <Suspense fallback={<PageLoader />}>
    <AreaPage />
  </Suspense>
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change on retry (unknown area, bad code); network and 5xx errors get two more tries.
      retry: (failureCount, error) => !(error instanceof ApiError && error.isClientError) && failureCount < 2,
    },
  },
});

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        // Pathless: a page that fails to render is replaced by an error message inside the shell.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'wilayah', element: areaPage },
          { path: 'wilayah/:code', element: areaPage },
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

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
