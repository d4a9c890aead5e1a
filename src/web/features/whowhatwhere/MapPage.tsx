import {
  Alert,
  Button,
  CloseButton,
  Drawer,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { BoundaryCollection } from '../../../shared/contracts/areas.ts';
import { formatNumber, formatRupiah } from '../../../shared/format.ts';
import { DEFAULT_MAPPED_STATUSES, MAPPED_STATUSES } from '../../../shared/programs.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { HOME_AREA_CODE } from '../../components/modules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { EChart } from '../../lib/EChart.tsx';
import { type EChartsCoreOption, echarts, escapeHtml } from '../../lib/echarts.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { useBoundaries } from '../areas/api.ts';
import { shortRegionName } from '../areas/labels.ts';
import type { ProgramFilters } from '../programs/filter-params.ts';
import { formatShare } from '../programs/format.ts';
import { ProgramFilterPanel } from '../programs/ProgramFilterPanel.tsx';
import { AreaActivityPanel } from './AreaActivityPanel.tsx';
import { useWhoWhatWhereMap } from './api.ts';
import {
  colourOf,
  EMPTY_COLOUR,
  formatMeasure,
  inScope,
  type LegendClass,
  legendClasses,
  levelForFilter,
  levelsForFilter,
  MAP_LEVELS,
  type MapCell,
  type MapLevel,
  MEASURES,
  type Measure,
  mapScopeOf,
  maxOf,
  measureOf,
} from './measures.ts';
import { ViewSwitch } from './ViewSwitch.tsx';
import { type MapView, mapViewFromParams, paramsOfMapView, viewFiltersFromParams } from './view-params.ts';

const MAP_HEIGHT = { base: 300, sm: 420 };
/** The map is as tall as its shape needs (NTB is wide), within these bounds (px). */
const MAP_MIN_HEIGHT = 240;
const MAP_MAX_HEIGHT = 560;
/** Above this many regions, names are left to the tooltip: they would overlap. */
const MAX_LABELLED_REGIONS = 25;
/** NTB sits near 8.5° S: longitude degrees are shorter than latitude ones there. */
const ASPECT_SCALE = Math.cos((8.6 * Math.PI) / 180);

/** A region's name and the names of its kecamatan and kabupaten (village names repeat in NTB). */
type Place = { name: string; ancestors: string[] };
type Named = Map<string, Place>;
/** Table rows per page: a village map has over a thousand, which the browser cannot lay out quickly. */
const TABLE_PAGE_SIZE = 20;

/** Width ÷ height of the features' bounding box as drawn (longitude shrunk by the aspect scale). */
function drawnAspect(collection: BoundaryCollection): number {
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
  const width = (maxX - minX) * ASPECT_SCALE;
  const height = maxY - minY;
  return width > 0 && height > 0 ? width / height : 1;
}

/** Area names by code, from the boundaries (drawn and missing ones). */
function namesOf(collection: BoundaryCollection | undefined): Named {
  const names: Named = new Map();
  for (const f of collection?.features ?? []) {
    names.set(f.properties.code, { name: f.properties.name, ancestors: f.properties.ancestors });
  }
  for (const m of collection?.missing ?? []) names.set(m.code, { name: m.name, ancestors: m.ancestors });
  return names;
}

/** "Pijot (Keruak, Kabupaten Lombok Timur)": a name never stands alone where it could be another place. */
function placeLabel(place: Place | undefined, fallback: string): string {
  if (!place) return fallback;
  return place.ancestors.length > 0 ? `${place.name} (${place.ancestors.join(', ')})` : place.name;
}

/**
 * Registers a boundary collection with ECharts once. Registering parses every polygon again, which
 * for the 1,150 villages took a noticeable part of a second on each change of measure or
 * selection; the collection object is kept by the query cache, so its identity is the key.
 */
const registeredMaps = new WeakMap<BoundaryCollection, string>();
let registeredCount = 0;
function registeredMapKey(collection: BoundaryCollection): string {
  let key = registeredMaps.get(collection);
  if (!key) {
    registeredCount += 1;
    key = `simpul:www:${registeredCount}`;
    // Regions are keyed by Kemendagri code (nameProperty); names only show in labels and tooltips.
    echarts.registerMap(key, { type: 'FeatureCollection', features: collection.features } as never);
    registeredMaps.set(collection, key);
  }
  return key;
}

type ChoroplethProps = {
  collection: BoundaryCollection;
  cells: Map<string, MapCell>;
  measure: Measure;
  classes: LegendClass[];
  level: MapLevel;
  selected: string | null;
  onSelect: (code: string) => void;
};

function Choropleth({ collection, cells, measure, classes, level, selected, onSelect }: ChoroplethProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const regionCodes = useMemo(() => new Set(collection.features.map((f) => f.properties.code)), [collection]);
  const aspect = useMemo(() => drawnAspect(collection), [collection]);
  const names = useMemo(() => namesOf(collection), [collection]);
  const option = useMemo<EChartsCoreOption>(() => {
    const mapKey = registeredMapKey(collection);
    const showLabels = collection.features.length <= MAX_LABELLED_REGIONS;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string }) => {
          const place = names.get(params.name);
          const where = place?.ancestors.length ? `<br/>${escapeHtml(place.ancestors.join(', '))}` : '';
          const name = `<strong>${escapeHtml(place?.name ?? params.name)}</strong>${where}`;
          const cell = cells.get(params.name);
          if (!cell) return `${name}<br/>${escapeHtml(t('whoWhatWhere.map.nothing'))}`;
          const lines = [
            `${t('whoWhatWhere.measures.programs')}: ${formatNumber(cell.programs, locale)}`,
            `${t('whoWhatWhere.measures.organisations')}: ${formatNumber(cell.organisations, locale)}`,
            `${t('whoWhatWhere.measures.budget')}: ${formatRupiah(cell.budgetPlanned, locale)}`,
            `${t('whoWhatWhere.measures.productiveShare')}: ${formatShare(cell.productiveShare, locale)}`,
          ];
          return `${name}<br/>${lines.map(escapeHtml).join('<br/>')}`;
        },
      },
      series: [
        {
          type: 'map',
          map: mapKey,
          nameProperty: 'code',
          aspectScale: ASPECT_SCALE,
          roam: level === 'village',
          selectedMode: false,
          left: 12,
          right: 12,
          top: 12,
          bottom: 12,
          preserveAspect: 'contain',
          preserveAspectAlign: 'center',
          preserveAspectVerticalAlign: 'middle',
          // Without shown labels (over 25 regions) no label layout either: laying out 1,150 hidden
          // village labels was most of the chart's remaining work. The tooltip names the region.
          ...(showLabels ? { labelLayout: { hideOverlap: true } } : {}),
          itemStyle: {
            areaColor: EMPTY_COLOUR,
            borderColor: '#ffffff',
            borderWidth: level === 'village' ? 0.4 : 1,
          },
          label: {
            show: showLabels,
            color: '#0b2423',
            fontSize: 11,
            textBorderColor: '#ffffff',
            textBorderWidth: 2,
            formatter: (params: { name: string }) => shortRegionName(names.get(params.name)?.name ?? ''),
          },
          emphasis: {
            itemStyle: { areaColor: '#f59f00' },
            label: { show: showLabels, color: '#0b2423', fontWeight: 600 },
          },
          data: collection.features.map((feature) => {
            const code = feature.properties.code;
            const cell = cells.get(code);
            const colour = colourOf(cell ? measureOf(cell, measure) : null, classes, measure);
            return {
              name: code,
              itemStyle:
                code === selected
                  ? { areaColor: colour, borderColor: '#c2410c', borderWidth: 3 }
                  : { areaColor: colour },
            };
          }),
        },
      ],
    };
  }, [collection, names, cells, measure, classes, level, selected, t, locale]);
  return (
    <EChart
      option={option}
      ariaLabel={t('whoWhatWhere.map.ariaLabel', {
        level: t(`whoWhatWhere.levels.${level}`),
        measure: t(`whoWhatWhere.measures.${measure}`),
      })}
      testId="www-map"
      data-regions={collection.features.length}
      w="100%"
      mih={MAP_MIN_HEIGHT}
      mah={MAP_MAX_HEIGHT}
      style={{ aspectRatio: String(Math.max(aspect, 0.5)) }}
      onItemClick={(event) => {
        if (typeof event.name === 'string' && regionCodes.has(event.name)) onSelect(event.name);
      }}
    />
  );
}

function Legend({ measure, classes }: { measure: Measure; classes: LegendClass[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const range = (c: LegendClass) => {
    if (measure === 'productiveShare') {
      return `${formatNumber(Math.round(c.from * 100), locale)}–${formatNumber(Math.round(c.to * 100), locale)}%`;
    }
    const from = formatMeasure(measure, c.from, locale);
    return c.from === c.to ? from : `${from} – ${formatMeasure(measure, c.to, locale)}`;
  };
  const swatch = (colour: string) => (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 16,
        height: 12,
        background: colour,
        border: '1px solid #ced4da',
        borderRadius: 2,
      }}
    />
  );
  return (
    <Group
      gap="md"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('whoWhatWhere.map.legend', { measure: t(`whoWhatWhere.measures.${measure}`) })}
    >
      <Group component="li" gap={6} wrap="nowrap">
        {swatch(EMPTY_COLOUR)}
        <Text size="xs">
          {measure === 'productiveShare' ? t('whoWhatWhere.map.noBudget') : t('whoWhatWhere.map.nothing')}
        </Text>
      </Group>
      {classes.map((c) => (
        <Group key={`${c.from}-${c.to}`} component="li" gap={6} wrap="nowrap">
          {swatch(c.colour)}
          <Text size="xs">{range(c)}</Text>
        </Group>
      ))}
    </Group>
  );
}

type TableRow = MapCell & Place;

/** The rows whose name, kecamatan or kabupaten contains the search text (case and accents ignored). */
function matchingRows(rows: TableRow[], q: string): TableRow[] {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f']/g, '')
      .toLowerCase();
  const needle = fold(q.trim());
  if (!needle) return rows;
  return rows.filter((row) => fold([row.name, ...row.ancestors, row.areaCode].join(' ')).includes(needle));
}

/**
 * The cells as a table: the map's figures readable without the picture (and by screen readers).
 * Paged and searchable, with the kecamatan and kabupaten of each row: the village level has over a
 * thousand rows and 34 village names that occur more than once.
 */
function CellTable({
  rows,
  measure,
  level,
  onSelect,
}: {
  rows: TableRow[];
  measure: Measure;
  level: MapLevel;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const matching = useMemo(() => matchingRows(rows, q), [rows, q]);
  const pages = Math.max(1, Math.ceil(matching.length / TABLE_PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = matching.slice((current - 1) * TABLE_PAGE_SIZE, current * TABLE_PAGE_SIZE);
  // The ancestor columns a level needs: villages name their kecamatan and kabupaten, kecamatan their kabupaten.
  const ancestorColumns =
    level === 'village'
      ? [t('whoWhatWhere.map.district'), t('whoWhatWhere.map.regency')]
      : level === 'district'
        ? [t('whoWhatWhere.map.regency')]
        : [];
  return (
    <Stack gap="xs">
      {rows.length > TABLE_PAGE_SIZE && (
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label={t('whoWhatWhere.map.tableSearch')}
            placeholder={t('whoWhatWhere.map.tableSearchHint')}
            value={q}
            onChange={(event) => {
              setQ(event.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', xs: 320 }}
            data-testid="map-table-search"
          />
          <Text size="sm" c="dimmed" data-testid="map-table-count">
            {t('whoWhatWhere.map.tableCount', {
              shown: formatNumber(shown.length, locale),
              total: formatNumber(matching.length, locale),
            })}
          </Text>
        </Group>
      )}
      {matching.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('whoWhatWhere.map.tableNoMatch', { q: q.trim() })}
        </Text>
      ) : (
        <ScrollTable minWidth={560 + ancestorColumns.length * 120}>
          <Table
            striped
            verticalSpacing="xs"
            data-testid="map-table"
            aria-label={t('whoWhatWhere.map.tableLabel', { level: t(`whoWhatWhere.levels.${level}`) })}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('whoWhatWhere.map.area')}</Table.Th>
                {ancestorColumns.map((label) => (
                  <Table.Th key={label}>{label}</Table.Th>
                ))}
                <Table.Th ta="right">{t('whoWhatWhere.measures.programs')}</Table.Th>
                <Table.Th ta="right">{t('whoWhatWhere.measures.organisations')}</Table.Th>
                <Table.Th ta="right">{t('whoWhatWhere.measures.budget')}</Table.Th>
                <Table.Th ta="right">{t('whoWhatWhere.measures.budgetRealised')}</Table.Th>
                <Table.Th ta="right">{t('whoWhatWhere.measures.productiveShare')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={row.areaCode} data-area-code={row.areaCode}>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      px={4}
                      onClick={() => onSelect(row.areaCode)}
                      aria-label={t('whoWhatWhere.map.showArea', { name: placeLabel(row, row.areaCode) })}
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                      h="auto"
                    >
                      {row.name}
                    </Button>
                  </Table.Td>
                  {ancestorColumns.map((label, i) => (
                    <Table.Td key={label}>{shortRegionName(row.ancestors[i] ?? '')}</Table.Td>
                  ))}
                  <Table.Td ta="right" fw={measure === 'programs' ? 700 : undefined}>
                    {formatNumber(row.programs, locale)}
                  </Table.Td>
                  <Table.Td ta="right" fw={measure === 'organisations' ? 700 : undefined}>
                    {formatNumber(row.organisations, locale)}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    fw={measure === 'budget' ? 700 : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatRupiah(row.budgetPlanned, locale)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(row.budgetRealised, locale)}
                  </Table.Td>
                  <Table.Td ta="right" fw={measure === 'productiveShare' ? 700 : undefined}>
                    {formatShare(row.productiveShare, locale)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {pages > 1 && (
        <ListPager
          pages={pages}
          page={current}
          onChange={setPage}
          siblings={1}
          aria-label={t('whoWhatWhere.map.pages')}
          data-testid="map-table-pages"
        />
      )}
    </Stack>
  );
}

/** Areas of the level that have figures but no polygon (villages split off recently): listed, not lost. */
function MissingAreas({
  missing,
  cells,
  onSelect,
}: {
  missing: BoundaryCollection['missing'];
  cells: Map<string, MapCell>;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (missing.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby="map-missing-title" data-testid="map-missing">
      <Text size="sm" fw={600} id="map-missing-title">
        {t('whoWhatWhere.map.missingTitle', { count: missing.length })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('whoWhatWhere.map.missingText')}
      </Text>
      <Group gap="xs" wrap="wrap">
        {missing.map((area) => {
          const cell = cells.get(area.code);
          return (
            <Button
              key={area.code}
              variant="default"
              size="compact-sm"
              h="auto"
              py={2}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              onClick={() => onSelect(area.code)}
              data-area-code={area.code}
            >
              {placeLabel(area, area.code)}:{' '}
              {t('whoWhatWhere.map.missingFigures', { programs: formatNumber(cell?.programs ?? 0, locale) })}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}

/** /peta: who does what where, coloured by kabupaten, kecamatan or village. */
export function MapPage() {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const isPhone =
    useMediaQuery(`(max-width: ${theme.breakpoints.md})`, undefined, { getInitialValueInEffect: false }) ??
    false;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = viewFiltersFromParams(searchParams);
  const chosen = mapViewFromParams(searchParams);
  // A kecamatan or village filter on the kabupaten map would leave it empty: draw the filter's level.
  const view = { ...chosen, level: levelForFilter(chosen.level, filters.area) };
  const levelChoices = levelsForFilter(filters.area);
  const scope = mapScopeOf(view.level, filters.area, HOME_AREA_CODE);
  const map = useWhoWhatWhereMap(view.level, filters);
  const boundaries = useBoundaries(view.level, scope);
  useDocumentTitle(t('nav.map'));

  const set = (nextFilters: ProgramFilters, nextView: Partial<MapView> = {}) =>
    setSearchParams(paramsOfMapView(nextFilters, { ...view, ...nextView }), { replace: false });
  const select = (code: string | null) => set(filters, { selected: code });

  const names = useMemo(() => namesOf(boundaries.data), [boundaries.data]);
  const cells = useMemo(
    () =>
      new Map((map.data?.cells ?? []).filter((c) => inScope(c.areaCode, scope)).map((c) => [c.areaCode, c])),
    [map.data, scope],
  );
  const classes = useMemo(
    () => legendClasses(view.measure, maxOf([...cells.values()], view.measure)),
    [cells, view.measure],
  );
  const rows = useMemo<TableRow[]>(
    () =>
      [...cells.values()]
        .map((c) => ({ ...c, ...(names.get(c.areaCode) ?? { name: c.areaCode, ancestors: [] }) }))
        .sort((a, b) => (measureOf(b, view.measure) ?? -1) - (measureOf(a, view.measure) ?? -1)),
    [cells, names, view.measure],
  );

  const panel = view.selected ? (
    <AreaActivityPanel key={view.selected} code={view.selected} filters={filters} />
  ) : null;
  const noBoundaries = boundaries.data && boundaries.data.features.length === 0;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('whoWhatWhere.map.title')}
        subtitle={t('whoWhatWhere.map.intro')}
        actions={<ViewSwitch current="map" filters={filters} />}
      />
      <ProgramFilterPanel
        filters={filters}
        onChange={(next) => set(next, { selected: null })}
        statuses={MAPPED_STATUSES}
        statusPlaceholder={DEFAULT_MAPPED_STATUSES.map((s) => t(`programs.statuses.${s}`)).join(', ')}
      />
      <Paper p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <Group gap="md" align="flex-end" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="map-level-label">
                {t('whoWhatWhere.map.level')}
              </Text>
              <SegmentedControl
                aria-labelledby="map-level-label"
                value={view.level}
                onChange={(level) => set(filters, { level: level as MapLevel, selected: null })}
                data={MAP_LEVELS.map((level) => ({
                  value: level,
                  label: t(`whoWhatWhere.levels.${level}`),
                  disabled: !levelChoices.includes(level),
                }))}
              />
            </Stack>
            <Select
              label={t('whoWhatWhere.map.measure')}
              data={MEASURES.map((m) => ({ value: m, label: t(`whoWhatWhere.measures.${m}`) }))}
              value={view.measure}
              onChange={(measure) => set(filters, { measure: (measure ?? 'programs') as Measure })}
              allowDeselect={false}
              w={{ base: '100%', xs: 260 }}
            />
          </Group>
          {view.level !== chosen.level && (
            <Text size="sm" c="dimmed" data-testid="map-level-note">
              {t('whoWhatWhere.map.levelFromFilter', { level: t(`whoWhatWhere.levels.${view.level}`) })}
            </Text>
          )}
          {(map.isError || boundaries.isError) && (
            <ErrorAlert
              error={map.error ?? boundaries.error}
              onRetry={() => {
                void map.refetch();
                void boundaries.refetch();
              }}
            />
          )}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: view.selected && !isPhone ? 8 : 12 }}>
              <Stack gap="sm">
                {(map.isPending || boundaries.isPending) && <Skeleton h={MAP_HEIGHT} />}
                {noBoundaries && (
                  <Alert color="blue" variant="light" title={t('areas.map.noneTitle')}>
                    {t('whoWhatWhere.map.noBoundaries')}
                  </Alert>
                )}
                {map.data && boundaries.data && boundaries.data.features.length > 0 && (
                  <div aria-busy={map.isFetching}>
                    <Choropleth
                      collection={boundaries.data}
                      cells={cells}
                      measure={view.measure}
                      classes={classes}
                      level={view.level}
                      selected={view.selected}
                      onSelect={(code) => select(code)}
                    />
                  </div>
                )}
                {map.data && <Legend measure={view.measure} classes={classes} />}
                {map.data && boundaries.data && boundaries.data.features.length > 0 && (
                  <MissingAreas missing={boundaries.data.missing} cells={cells} onSelect={select} />
                )}
                <Text size="xs" c="dimmed">
                  {t('whoWhatWhere.map.hint')}
                </Text>
              </Stack>
            </Grid.Col>
            {view.selected && !isPhone && (
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Paper
                  p="sm"
                  bg="var(--mantine-color-gray-0)"
                  component="aside"
                  aria-label={t('whoWhatWhere.area.panel')}
                >
                  <Stack gap="xs">
                    <Group justify="flex-end">
                      <CloseButton aria-label={t('common.close')} onClick={() => select(null)} />
                    </Group>
                    {panel}
                  </Stack>
                </Paper>
              </Grid.Col>
            )}
          </Grid>
        </Stack>
      </Paper>
      <Drawer
        opened={Boolean(view.selected) && isPhone}
        onClose={() => select(null)}
        position="bottom"
        size="85%"
        title={t('whoWhatWhere.area.panel')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {isPhone && panel}
      </Drawer>

      <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="map-table-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="map-table-title">
            {t('whoWhatWhere.map.tableTitle', { level: t(`whoWhatWhere.levels.${view.level}`) })}
          </Title>
          {map.data && rows.length === 0 && (
            <Text size="sm" c="dimmed" data-testid="map-empty">
              {t('whoWhatWhere.map.empty')}
            </Text>
          )}
          {map.data && rows.length > 0 && (
            <CellTable
              key={`${view.level}:${scope}`}
              rows={rows}
              measure={view.measure}
              level={view.level}
              onSelect={(code) => select(code)}
            />
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
