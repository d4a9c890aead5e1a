import { Anchor, Badge, Code, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AreaDetail } from '../../../shared/contracts/areas.ts';
import { MAX_PAGE_SIZE } from '../../../shared/contracts/common.ts';
import { formatNumber } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { useLocale } from '../../lib/useLocale.ts';
import { useAreaChildren } from './api.ts';
import { childLevelOf, kindLabel, levelPlural, placeName } from './labels.ts';

/** Children are fetched a full page (the API maximum) at a time: NTB's largest kecamatan has far fewer. */
export const CHILDREN_PAGE_SIZE = MAX_PAGE_SIZE;

/** The areas directly under this one, each a link one level down; paged through `?page=`. */
export function AreaChildrenTable({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const children = useAreaChildren(area.code, CHILDREN_PAGE_SIZE, (page - 1) * CHILDREN_PAGE_SIZE);
  const level = childLevelOf(area.level);
  const titleId = `children-of-${area.code}`;
  const title = level
    ? t('areas.children.title', { level: levelPlural(t, level), place: placeName(t, area) })
    : t('areas.children.titleGeneric');

  const setPage = (next: number) => {
    const params = new URLSearchParams(searchParams);
    if (next <= 1) params.delete('page');
    else params.set('page', String(next));
    setSearchParams(params);
  };

  return (
    <Paper p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {title}
          </Title>
          {children.data && (
            <Text size="sm" c="dimmed">
              {t('areas.children.total', {
                count: children.data.page.total,
                formatted: formatNumber(children.data.page.total, locale),
              })}
            </Text>
          )}
        </Group>
        {children.isPending && <Skeleton h={240} />}
        {children.isError && <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />}
        {children.data && children.data.items.length === 0 && (
          <Text c="dimmed">{t('areas.children.empty')}</Text>
        )}
        {children.data && children.data.items.length > 0 && (
          <Table
            striped
            highlightOnHover
            aria-labelledby={titleId}
            aria-busy={children.isFetching}
            verticalSpacing={6}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('areas.children.name')}</Table.Th>
                <Table.Th>{t('areas.children.kind')}</Table.Th>
                <Table.Th>{t('areas.children.code')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {children.data.items.map((child) => (
                <Table.Tr key={child.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/wilayah/${child.code}`} fw={500} inherit>
                      {child.name}
                    </Anchor>
                    {child.validTo && (
                      <Badge ml="xs" size="xs" color="yellow" variant="light">
                        {t('areas.retired.badge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{kindLabel(t, child.kind)}</Table.Td>
                  <Table.Td>
                    <Code>{child.code}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {children.data && children.data.page.total > CHILDREN_PAGE_SIZE && (
          <ListPager
            pages={Math.ceil(children.data.page.total / CHILDREN_PAGE_SIZE)}
            page={page}
            onChange={setPage}
          />
        )}
      </Stack>
    </Paper>
  );
}
