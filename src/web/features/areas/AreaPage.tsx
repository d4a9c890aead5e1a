import { Anchor, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AreaDetail } from '../../../shared/contracts/areas.ts';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert.tsx';
import { HOME_AREA_CODE } from '../../components/modules.ts';
import { ApiError } from '../../lib/api-client.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { AreaBreadcrumbs } from './AreaBreadcrumbs.tsx';
import { AreaChildrenTable } from './AreaChildrenTable.tsx';
import { AreaDetails } from './AreaDetails.tsx';
import { AreaHeader } from './AreaHeader.tsx';
import { AreaMapPanel } from './AreaMapPanel.tsx';
import { AreaSearch } from './AreaSearch.tsx';
import { useAreaDetail } from './api.ts';

function AreaPageSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton h={16} w={280} />
      <Skeleton h={140} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Skeleton h={400} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Skeleton h={400} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Unknown or malformed code: say so plainly and offer a way back. */
function AreaNotFound({ code, error }: { code: string; error: ApiError }) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  return (
    <Paper p="lg" maw={640}>
      <Stack gap="sm">
        <Title order={2}>{t('areas.notFound.title')}</Title>
        <Text>{t('areas.notFound.text', { code })}</Text>
        {error.code !== 'AREA_NOT_FOUND' && <Text c="dimmed">{message}</Text>}
        <Anchor component={Link} to="/wilayah">
          {t('areas.notFound.back')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function AreaView({ area }: { area: AreaDetail }) {
  const isVillage = area.level === 'village';
  // The province is wide (Lombok to Sumbawa): its map gets the full width, the list goes below.
  const wideMap = area.level === 'province';
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <AreaBreadcrumbs area={area} />
        <Stack w={{ base: '100%', sm: 360 }}>
          {/* A new key per area so a half-typed query does not linger after navigating. */}
          <AreaSearch key={area.code} area={area} />
        </Stack>
      </Group>
      <AreaHeader area={area} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: wideMap ? 12 : 7 }}>
          <AreaMapPanel area={area} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: wideMap ? 12 : 5 }}>
          {isVillage ? <AreaDetails area={area} /> : <AreaChildrenTable area={area} />}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** /wilayah (the home province) and /wilayah/:code: one area, its place in the hierarchy, map and children. */
export function AreaPage() {
  const { t } = useTranslation();
  const { code = HOME_AREA_CODE } = useParams();
  const detail = useAreaDetail(code);
  const notFound =
    detail.error instanceof ApiError &&
    (detail.error.status === 404 || detail.error.code === 'AREA_CODE_MALFORMED');
  // Set here, not in the children: a parent's effect runs after its children's and would win.
  useDocumentTitle(detail.data?.name ?? (notFound ? t('areas.notFound.title') : t('nav.areas')));

  if (detail.isPending) return <AreaPageSkeleton />;
  if (detail.isError) {
    if (notFound) return <AreaNotFound code={code} error={detail.error as ApiError} />;
    return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <AreaView area={detail.data} />;
}
