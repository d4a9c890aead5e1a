import { Anchor, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AreaDetail } from '../../../shared/contracts/areas.ts';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { kindLabel } from './labels.ts';

/** The record of an area with no children (a desa or kelurahan), shown where the children list would be. */
export function AreaDetails({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const parent = area.ancestors.at(-1);
  const none = (
    <Text span c="dimmed" inherit>
      {t('areas.details.none')}
    </Text>
  );
  const rows: Array<[string, ReactNode]> = [
    ['name', area.name],
    ['kind', kindLabel(t, area.kind)],
    ['code', <Code key="code">{area.code}</Code>],
    ['bpsCode', area.bpsCode ? <Code key="bps">{area.bpsCode}</Code> : none],
    [
      'parent',
      parent ? (
        <Anchor key="parent" component={Link} to={`/wilayah/${parent.code}`} inherit>
          {parent.name}
        </Anchor>
      ) : (
        none
      ),
    ],
    ['validFrom', area.validFrom ? formatDate(area.validFrom, locale) : none],
    ['validTo', area.validTo ? formatDate(area.validTo, locale) : t('areas.details.inForce')],
    ['boundary', area.hasBoundary ? t('areas.details.boundaryYes') : t('areas.details.boundaryNo')],
    [
      'centroid',
      area.centroid
        ? t('areas.details.lngLat', {
            lng: formatNumber(area.centroid[0], locale, 4),
            lat: formatNumber(area.centroid[1], locale, 4),
          })
        : none,
    ],
  ];
  return (
    <Paper p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={3} size="h4" id="area-details-title">
          {t('areas.details.title')}
        </Title>
        <Table aria-labelledby="area-details-title" verticalSpacing={6}>
          <Table.Tbody>
            {rows.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th scope="row" w="40%" fw={500} c="dimmed">
                  {t(`areas.details.${key}`)}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          {t('areas.details.noChildren')}
        </Text>
      </Stack>
    </Paper>
  );
}
