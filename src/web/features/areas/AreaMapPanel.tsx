import { Alert, Anchor, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AreaLevel } from '../../../shared/area-code.ts';
import type { Area, AreaDetail, AreaSummary, BoundaryCollection } from '../../../shared/contracts/areas.ts';
import { formatNumber } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EChart } from '../../lib/EChart.tsx';
import { type EChartsCoreOption, echarts, escapeHtml } from '../../lib/echarts.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { simpul } from '../../theme.ts';
import { CHILDREN_PAGE_SIZE } from './AreaChildrenTable.tsx';
import { areaDetailQuery, useAreaChildren, useBoundaries, useBoundaryStatus } from './api.ts';
import { childLevelOf, kindLabel, placeName, shortRegionName } from './labels.ts';

const MAP_HEIGHT = { base: 340, sm: 460 };
/** The map is as tall as its shape needs (a wide province gets a short map), within these bounds (px). */
const MAP_MIN_HEIGHT = 260;
const MAP_MAX_HEIGHT = 560;
/** Above this many regions, names are left to the tooltip: they would overlap. */
const MAX_LABELLED_REGIONS = 25;

/**
 * What the map shows for an area: its children, or for a village its siblings (the village
 * highlighted), as polygons of `level` under `within`.
 */
function mapScope(
  area: AreaDetail,
): { level: AreaLevel; within: string; parent: AreaSummary | AreaDetail } | null {
  const childLevel = childLevelOf(area.level);
  if (childLevel) return { level: childLevel, within: area.code, parent: area };
  const parent = area.ancestors.at(-1);
  return parent ? { level: area.level, within: parent.code, parent } : null;
}

/** Longitude/latitude degrees are not square away from the equator; NTB sits near 8.5° S. */
function aspectScaleFor(area: AreaDetail): number {
  const lat = area.centroid?.[1] ?? -8.6;
  return Math.cos((lat * Math.PI) / 180);
}

/** Width ÷ height of the features' bounding box as drawn (longitude shrunk by `aspectScale`). */
function drawnAspect(collection: BoundaryCollection, aspectScale: number): number {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const visit = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    if (typeof node[0] === 'number' && typeof node[1] === 'number') {
      minX = Math.min(minX, node[0]);
      maxX = Math.max(maxX, node[0]);
      minY = Math.min(minY, node[1]);
      maxY = Math.max(maxY, node[1]);
      return;
    }
    for (const child of node) visit(child);
  };
  for (const feature of collection.features) visit(feature.geometry.coordinates);
  const width = (maxX - minX) * aspectScale;
  const height = maxY - minY;
  return width > 0 && height > 0 ? width / height : 1;
}

type MapProps = {
  area: AreaDetail;
  collection: BoundaryCollection;
  level: AreaLevel;
  within: string;
  ariaLabel: string;
};

function BoundaryMap({ area, collection, level, within, ariaLabel }: MapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const highlighted = area.level === level ? area.code : null;
  const regionCodes = useMemo(() => new Set(collection.features.map((f) => f.properties.code)), [collection]);
  const aspectScale = aspectScaleFor(area);
  const aspect = useMemo(() => drawnAspect(collection, aspectScale), [collection, aspectScale]);

  const option = useMemo<EChartsCoreOption>(() => {
    const mapKey = `simpul:${level}:${within}`;
    // Regions are keyed by Kemendagri code (nameProperty), names only shown in labels and tooltips.
    echarts.registerMap(mapKey, { type: 'FeatureCollection', features: collection.features } as never);
    const names = new Map(collection.features.map((f) => [f.properties.code, f.properties]));
    const showLabels = collection.features.length <= MAX_LABELLED_REGIONS;
    const colors = simpul;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string }) => {
          const props = names.get(params.name);
          if (!props) return escapeHtml(params.name);
          return `<strong>${escapeHtml(props.name)}</strong><br/>${escapeHtml(kindLabel(t, props.kind))} · ${escapeHtml(props.code)}`;
        },
      },
      series: [
        {
          type: 'map',
          map: mapKey,
          nameProperty: 'code',
          aspectScale,
          roam: false,
          selectedMode: false,
          // Fit the box, keeping the aspect: wide areas (the province spans Lombok and Sumbawa) use the full width.
          left: 24,
          right: 24,
          top: 12,
          bottom: 12,
          preserveAspect: 'contain',
          preserveAspectAlign: 'center',
          preserveAspectVerticalAlign: 'middle',
          labelLayout: { hideOverlap: true },
          itemStyle: { areaColor: colors[1], borderColor: '#ffffff', borderWidth: 1 },
          label: {
            show: showLabels,
            color: colors[9],
            fontSize: 11,
            formatter: (params: { name: string }) => shortRegionName(names.get(params.name)?.name ?? ''),
          },
          emphasis: {
            itemStyle: { areaColor: colors[4] },
            label: {
              show: true,
              color: '#0b2423',
              fontWeight: 600,
              formatter: (params: { name: string }) => names.get(params.name)?.name ?? '',
            },
          },
          data: collection.features.map((feature) => ({
            name: feature.properties.code,
            ...(feature.properties.code === highlighted
              ? {
                  itemStyle: { areaColor: colors[8] },
                  label: { show: true, color: '#ffffff', fontWeight: 700 },
                }
              : {}),
          })),
        },
      ],
    };
  }, [aspectScale, collection, level, within, highlighted, t]);

  return (
    <EChart
      option={option}
      ariaLabel={ariaLabel}
      testId="area-map"
      w="100%"
      mih={MAP_MIN_HEIGHT}
      mah={MAP_MAX_HEIGHT}
      // Margins of the drawing box (24 px each side, 12 top and bottom) are small next to the map.
      style={{ aspectRatio: String(Math.max(aspect, 0.5)) }}
      onItemClick={(event) => {
        if (typeof event.name === 'string' && regionCodes.has(event.name) && event.name !== area.code) {
          void navigate(`/wilayah/${event.name}`);
        }
      }}
    />
  );
}

type TreemapProps = { area: AreaDetail; level: AreaLevel; within: string; ariaLabel: string };

/**
 * Fallback when no polygons are loaded: the same areas as boxes, sized by the villages under each
 * (villages count as one), still clickable.
 */
function AreaTreemap({ area, level, within, ariaLabel }: TreemapProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const children = useAreaChildren(within, CHILDREN_PAGE_SIZE, 0);
  const items: Area[] = children.data?.items ?? [];
  // One detail request per child gives its village count; at most a few dozen, and cached for the click.
  const details = useQueries({
    queries: items.map((child) => ({ ...areaDetailQuery(child.code), enabled: level !== 'village' })),
  });
  const villagesUnder = (index: number): number => {
    if (level === 'village') return 1;
    const counts = details[index]?.data?.descendantCounts ?? [];
    const villages = counts.filter((c) => c.level === 'village').reduce((sum, c) => sum + c.count, 0);
    return Math.max(villages, 1);
  };
  const sizes = items.map((_, i) => villagesUnder(i));
  const sizesKey = sizes.join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: sizesKey stands for sizes, which is rebuilt every render
  const option = useMemo<EChartsCoreOption>(() => {
    const colors = simpul;
    // Dark enough shades for white labels; the current area (a village among its siblings) in orange.
    const palette = [colors[6], colors[8], colors[7], colors[9]];
    const current = '#c2410c';
    return {
      tooltip: {
        formatter: (params: { name: string; value: number }) =>
          `<strong>${escapeHtml(params.name)}</strong><br/>${escapeHtml(
            t('areas.map.villagesUnder', {
              count: params.value,
              formatted: formatNumber(params.value, locale),
            }),
          )}`,
      },
      series: [
        {
          type: 'treemap',
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          top: 0,
          left: 0,
          right: 0,
          bottom: 0,
          // Short names that wrap: a cut end made Lombok Timur and Lombok Tengah read alike.
          label: {
            show: true,
            formatter: (params: { name: string }) => shortRegionName(params.name),
            fontSize: 12,
            color: '#ffffff',
            overflow: 'break',
          },
          itemStyle: { borderColor: '#ffffff', borderWidth: 2, gapWidth: 2 },
          data: items.map((child, i) => ({
            name: child.name,
            value: sizes[i],
            code: child.code,
            itemStyle: { color: child.code === area.code ? current : palette[i % palette.length] },
          })),
        },
      ],
    };
  }, [items, sizesKey, area.code, t, locale]);

  if (children.isPending) return <Skeleton h={MAP_HEIGHT} />;
  if (children.isError) return <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />;
  return (
    <EChart
      option={option}
      ariaLabel={ariaLabel}
      testId="area-map"
      h={MAP_HEIGHT}
      onItemClick={(event) => {
        const code = (event.data as { code?: unknown } | undefined)?.code;
        if (typeof code === 'string' && code !== area.code) void navigate(`/wilayah/${code}`);
      }}
    />
  );
}

function NoBoundariesNotice({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const status = useBoundaryStatus(true);
  const anyLoaded = (status.data?.levels ?? []).some((l) => l.withBoundary > 0);
  return (
    <Alert
      color="blue"
      variant="light"
      title={anyLoaded ? t('areas.map.noneHereTitle') : t('areas.map.noneTitle')}
    >
      <Stack gap={4}>
        <Text size="sm">
          {anyLoaded ? t('areas.map.noneHereText', { place: placeName(t, area) }) : t('areas.map.noneText')}
        </Text>
        <Text size="sm">{t('areas.map.importHow')}</Text>
      </Stack>
    </Alert>
  );
}

function MissingBoundaryList({ missing }: { missing: AreaSummary[] }) {
  const { t } = useTranslation();
  if (missing.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={4} size="h6" id="missing-boundaries-title">
        {t('areas.map.missingTitle')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('areas.map.missingText', { count: missing.length })}
      </Text>
      <List size="sm" spacing={2} aria-labelledby="missing-boundaries-title">
        {missing.map((item) => (
          <List.Item key={item.code}>
            <Anchor component={Link} to={`/wilayah/${item.code}`} inherit>
              {item.name}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {kindLabel(t, item.kind)} · {item.code}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The map of the area's children (or a village's siblings), with a treemap when no polygons exist. */
export function AreaMapPanel({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const scope = mapScope(area);
  const boundaries = useBoundaries(scope?.level ?? null, scope?.within ?? null);
  if (!scope) return null;

  const ariaLabel =
    area.level === 'village'
      ? t('areas.map.labelVillage', { parent: placeName(t, scope.parent), place: placeName(t, area) })
      : t('areas.map.label', { place: placeName(t, area) });
  const title = t(`areas.map.title.${scope.level}`);

  return (
    <Paper p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={3} size="h4">
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {t('areas.map.hint')}
          </Text>
        </Group>
        {boundaries.isPending && <Skeleton h={MAP_HEIGHT} />}
        {boundaries.isError && (
          <ErrorAlert error={boundaries.error} onRetry={() => void boundaries.refetch()} />
        )}
        {boundaries.data && boundaries.data.features.length > 0 && (
          <>
            <BoundaryMap
              area={area}
              collection={boundaries.data}
              level={scope.level}
              within={scope.within}
              ariaLabel={ariaLabel}
            />
            <MissingBoundaryList missing={boundaries.data.missing} />
          </>
        )}
        {boundaries.data && boundaries.data.features.length === 0 && (
          <>
            <NoBoundariesNotice area={area} />
            <AreaTreemap area={area} level={scope.level} within={scope.within} ariaLabel={ariaLabel} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
