import { Alert, Anchor, Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportStatus } from '../../../../shared/contracts/program-import.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { serverErrorMessage } from '../../../lib/api-client.ts';
import { useLocale } from '../../../lib/useLocale.ts';

/** Step 5: the save job's progress and result. */
export function SaveStep({ status, onBack }: { status: ImportStatus | undefined; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!status) return null;
  const { done, total } = status.progress;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  if (status.state === 'failed') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('programImport.save.failedTitle')}>
        <Stack gap="xs">
          {/* In the reader's language only: the preview, checked again on the way back, says what is wrong. */}
          <Text size="sm">
            {(status.error && serverErrorMessage(status.error.code, locale)) ?? t('errors.unknown')}
          </Text>
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onBack}>
              {t('programImport.save.backToPreview')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (status.state !== 'done') {
    return (
      <Stack gap={4} aria-live="polite">
        <Text size="sm">
          {status.state === 'queued'
            ? t('programImport.save.queued')
            : t('programImport.save.running', {
                done: formatNumber(done, locale),
                total: formatNumber(total, locale),
              })}
        </Text>
        <Progress
          value={status.state === 'queued' ? 100 : percent}
          striped
          animated
          size="lg"
          aria-label={t('programImport.save.progress')}
        />
      </Stack>
    );
  }
  const tiles = [
    ['created', status.result?.created ?? 0],
    ['updated', status.result?.updated ?? 0],
    ['unchanged', status.result?.unchanged ?? 0],
  ] as const;
  return (
    <Stack gap="sm">
      <Alert color="teal" variant="light" title={t('programImport.save.doneTitle')}>
        <Text size="sm">{t('programImport.save.doneText')}</Text>
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {tiles.map(([key, value]) => (
          <Paper key={key} p="sm" withBorder>
            <Text fz={26} fw={700} c="simpul.8" lh={1.1}>
              {formatNumber(value, locale)}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`programImport.save.${key}`)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group>
        <Anchor component={Link} to="/program">
          {t('programImport.save.toPrograms')}
        </Anchor>
        <Anchor component={Link} to="/peta">
          {t('programImport.save.toMap')}
        </Anchor>
      </Group>
    </Stack>
  );
}
