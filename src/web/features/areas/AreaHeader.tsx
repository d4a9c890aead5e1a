import {
  Alert,
  Anchor,
  Badge,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AREA_KINDS } from '../../../shared/area-code.ts';
import type { AreaDetail } from '../../../shared/contracts/areas.ts';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { formatStatistic, kindLabel, statisticLabel } from './labels.ts';

function DescendantCounts({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Stable order: regency kinds first, down to villages.
  const counts = [...area.descendantCounts]
    .filter((c) => c.count > 0)
    .sort((a, b) => AREA_KINDS.indexOf(a.kind) - AREA_KINDS.indexOf(b.kind));
  if (counts.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: counts.length > 4 ? 5 : 4 }} spacing="xs">
      {counts.map((c) => (
        <Paper key={`${c.level}-${c.kind}`} p="xs" radius="sm" bg="gray.0" withBorder={false}>
          <Text fw={700} fz="xl" c="simpul.8" lh={1.2}>
            {formatNumber(c.count, locale)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`kindCountLabel.${c.kind}`, { count: c.count })}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Statistics({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (area.statistics.length === 0) return null;
  const rows = [...area.statistics].sort((a, b) => a.indicator.localeCompare(b.indicator) || b.year - a.year);
  return (
    <Stack gap={4}>
      <Title order={3} size="h5" id="area-statistics-title">
        {t('areas.statistics.title')}
      </Title>
      {/* Three columns with the source under the indicator: fits a phone without sideways scrolling. */}
      <Table striped verticalSpacing={4} fz="sm" aria-labelledby="area-statistics-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('areas.statistics.indicator')}</Table.Th>
            <Table.Th ta="right">{t('areas.statistics.value')}</Table.Th>
            <Table.Th ta="right">{t('areas.statistics.year')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((stat) => (
            <Table.Tr key={`${stat.indicator}-${stat.year}-${stat.source}`}>
              <Table.Td>
                <Text inherit>{statisticLabel(t, stat.indicator)}</Text>
                <Text size="xs" c="dimmed">
                  {t('areas.statistics.sourceLine', { source: stat.source })}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatStatistic(t, stat, locale)}
              </Table.Td>
              <Table.Td ta="right">{stat.year}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function RetiredNotice({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!area.validTo) return null;
  return (
    <Alert color="yellow" variant="light" title={t('areas.retired.title')}>
      <Stack gap={4}>
        <Text size="sm">{t('areas.retired.since', { date: formatDate(area.validTo, locale) })}</Text>
        {area.successorCodes.length > 0 && (
          <Text size="sm">
            {t('areas.retired.successors')}{' '}
            {area.successorCodes.map((code, i) => (
              <span key={code}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/wilayah/${code}`} underline="always">
                  {code}
                </Anchor>
              </span>
            ))}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** Name, kind and code of the area, what lies under it, and its statistics. */
export function AreaHeader({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  return (
    <Paper p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Group gap="sm" align="center">
          <Title order={2}>{area.name}</Title>
          <Badge variant="light" size="lg">
            {kindLabel(t, area.kind)}
          </Badge>
          {area.validTo && (
            <Badge color="yellow" variant="light">
              {t('areas.retired.badge')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('areas.code')} <Code>{area.code}</Code>
          {area.bpsCode && (
            <>
              {' · '}
              {t('areas.bpsCode')} <Code>{area.bpsCode}</Code>
            </>
          )}
        </Text>
        <RetiredNotice area={area} />
        <DescendantCounts area={area} />
        <Statistics area={area} />
      </Stack>
    </Paper>
  );
}
