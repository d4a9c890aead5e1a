import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Shown inside the shell when a page fails to render, instead of a blank screen. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    // Kept in the console for whoever reports the problem; the page shows no technical detail.
    console.error(error);
  }, [error]);
  return (
    <Alert color="red" variant="light" title={t('routeError.title')} maw={720} role="alert">
      <Stack gap="sm">
        <Text size="sm">{t('routeError.text')}</Text>
        <Group>
          <Button size="xs" variant="white" color="red" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
