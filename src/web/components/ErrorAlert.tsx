import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, serverErrorMessage } from '../lib/api-client.ts';
import { useLocale } from '../lib/useLocale.ts';

/** The localised message for any error a query can throw. */
export function useErrorMessage() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      return (
        serverErrorMessage(error.code, locale) ??
        t(`errors.client.${error.code}`, { defaultValue: t('errors.unknown') })
      );
    }
    return t('errors.unknown');
  };
}

type ErrorAlertProps = {
  error: unknown;
  /** Shows a "try again" button when given. */
  onRetry?: () => void;
  title?: string;
};

/** An API or network error: what went wrong in the reader's language, the request id, and a retry. */
export function ErrorAlert({ error, onRetry, title }: ErrorAlertProps) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {requestId && (
          <Text size="xs" c="dimmed">
            {t('errors.requestId')} <Code>{requestId}</Code>
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('errors.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
