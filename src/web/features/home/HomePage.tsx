import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AreaDetail, HealthResponse } from '../../../shared/contracts/areas.ts';
import { formatNumber } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { APP_MODULES, HOME_AREA_CODE } from '../../components/modules.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { useAreaDetail, useHealth } from '../areas/api.ts';
import { hasRole } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';

type Tile = { key: string; count: number; to: string };

/** The modules a visitor can use today, from the one list the navigation uses (so this card cannot go stale). */
const READY_MODULES = APP_MODULES.filter(
  (m) => m.ready && !m.visibleTo && m.key !== 'home' && m.key !== 'areas',
);

function tilesOf(detail: AreaDetail): Tile[] {
  const sum = (pick: (c: AreaDetail['descendantCounts'][number]) => boolean) =>
    detail.descendantCounts.filter(pick).reduce((total, c) => total + c.count, 0);
  const to = detail.code === HOME_AREA_CODE ? '/wilayah' : `/wilayah/${detail.code}`;
  return [
    { key: 'regencies', count: sum((c) => c.level === 'regency'), to },
    { key: 'districts', count: sum((c) => c.level === 'district'), to },
    { key: 'desa', count: sum((c) => c.kind === 'desa'), to },
    { key: 'kelurahan', count: sum((c) => c.kind === 'kelurahan'), to },
  ];
}

function AreaTiles() {
  const { t } = useTranslation();
  const locale = useLocale();
  const detail = useAreaDetail(HOME_AREA_CODE);
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
      {detail.isPending
        ? [0, 1, 2, 3].map((i) => <Skeleton key={i} h={96} radius="md" />)
        : tilesOf(detail.data).map((tile) => (
            <Paper key={tile.key} p="md" component={Link} to={tile.to} style={{ textDecoration: 'none' }}>
              <Text fz={30} fw={700} c="simpul.8" lh={1.1}>
                {formatNumber(tile.count, locale)}
              </Text>
              <Text size="sm" c="dimmed">
                {t(`home.tiles.${tile.key}`)}
              </Text>
            </Paper>
          ))}
    </SimpleGrid>
  );
}

function HealthBadge({ health }: { health: HealthResponse }) {
  const { t } = useTranslation();
  const ok = health.status === 'ok';
  return (
    // Filled and auto-contrasted: the light variant's tinted text falls below WCAG AA.
    <Badge color={ok ? 'teal.9' : 'yellow.5'} variant="filled" autoContrast>
      {t(`home.health.status.${health.status}`)}
    </Badge>
  );
}

function HealthPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const health = useHealth();
  return (
    <Paper p="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('home.health.title')}
        </Title>
        {health.isPending && <Skeleton h={40} />}
        {health.isError && <ErrorAlert error={health.error} onRetry={() => void health.refetch()} />}
        {health.data && (
          <Stack gap={4}>
            <Group gap="xs">
              <HealthBadge health={health.data} />
              <Text size="sm" c="dimmed">
                {t('home.health.version', { version: health.data.version })}
              </Text>
            </Group>
            <Text size="sm">
              {t('home.health.database', {
                engine: health.data.database.engine
                  ? t(`home.health.engine.${health.data.database.engine}`)
                  : '',
                status: t(`home.health.up.${health.data.database.status}`),
              })}
              {health.data.database.latencyMs != null &&
                ` · ${t('home.health.latency', {
                  ms: formatNumber(
                    health.data.database.latencyMs,
                    locale,
                    health.data.database.latencyMs < 10 ? 1 : 0,
                  ),
                })}`}
            </Text>
            <Text size="sm">
              {t('home.health.jobs', { status: t(`home.health.up.${health.data.jobs.status}`) })}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** Beranda: what Simpul is for, the province at a glance, and (for administrators) whether the server is healthy. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useSession().data?.user ?? null;
  // The engine and its latency are for whoever runs the platform, not for the public.
  const showHealth = hasRole(user, ['platform_admin']);
  useDocumentTitle(null);
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap="xs">
        <Title order={2}>{t('home.title')}</Title>
        <Text size="lg">{t('home.intro')}</Text>
      </Stack>
      <Paper p="lg" bg="simpul.0" withBorder={false}>
        <Stack gap={6}>
          <Title order={3} size="h4">
            {t('home.mission.title')}
          </Title>
          <Text>{t('home.mission.text')}</Text>
        </Stack>
      </Paper>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h4">
            {t('home.areasTitle')}
          </Title>
          <Anchor component={Link} to="/wilayah" size="sm">
            {t('home.toAreas')}
          </Anchor>
        </Group>
        <AreaTiles />
        <Group>
          <Button component={Link} to="/wilayah">
            {t('home.exploreAreas')}
          </Button>
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: showHealth ? 2 : 1 }} spacing="md">
        <Paper p="md" data-testid="home-modules">
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('home.next.title')}
            </Title>
            <Text size="sm">{t('home.next.text')}</Text>
            <Group gap="xs">
              {READY_MODULES.map((module) => (
                <Button key={module.key} component={Link} to={module.path} variant="light" size="xs">
                  {t(`nav.${module.key}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
        {showHealth && <HealthPanel />}
      </SimpleGrid>
    </Stack>
  );
}
