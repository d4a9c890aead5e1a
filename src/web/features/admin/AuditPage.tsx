import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../shared/contracts/audit.ts';
import { formatNumber } from '../../../shared/format.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime } from '../../lib/format-time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { MONO_INPUT } from '../../theme.ts';
import { canManageUsers, canReadAudit } from '../auth/permissions.ts';
import { RequireAccess } from '../auth/RequireAccess.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { AdminNav } from './AdminNav.tsx';
import { type AuditFilters, useAudit, useVerifyChain } from './api.ts';
import { type DiffRow, diffRows, showValue } from './json-diff.ts';

const PAGE_SIZE = 50;
/** Entity types the server writes (src/server/modules/*: recordAudit calls). */
export const AUDIT_ENTITY_TYPES = [
  'organisation',
  'organisation.contacts',
  'user',
  'membership',
  'issue',
  'demo',
] as const;
const FILTER_KEYS = ['action', 'entityType', 'entityId', 'actor', 'from', 'to'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersFromParams(params: URLSearchParams): AuditFilters {
  const text = (key: string, max: number) => params.get(key)?.trim().slice(0, max) || undefined;
  const action = params.get('action');
  const date = (key: string) => {
    const value = params.get(key);
    return value && ISO_DATE.test(value) ? value : undefined;
  };
  return {
    action: action && (AUDIT_ACTIONS as readonly string[]).includes(action) ? action : undefined,
    entityType: text('entityType', 60),
    entityId: text('entityId', 100),
    actor: text('actor', 200),
    from: date('from'),
    to: date('to'),
  };
}

function paramsOf(filters: AuditFilters, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

type FilterValues = Record<(typeof FILTER_KEYS)[number], string>;

function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (f: AuditFilters) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<FilterValues>({
    mode: 'controlled',
    initialValues: Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k] ?? ''])) as FilterValues,
  });
  const values = form.getValues();
  const apply = form.onSubmit((v) =>
    onApply(Object.fromEntries(FILTER_KEYS.map((k) => [k, v[k].trim() || undefined])) as AuditFilters),
  );
  const entityOptions = [
    ...AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.entities.${type}`) })),
    ...(values.entityType && !(AUDIT_ENTITY_TYPES as readonly string[]).includes(values.entityType)
      ? [{ value: values.entityType, label: values.entityType }]
      : []),
  ];
  return (
    <form onSubmit={apply} aria-label={t('audit.filters.title')}>
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <Select
            label={t('audit.filters.action')}
            placeholder={t('organisations.filters.all')}
            data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
            value={values.action || null}
            onChange={(value) => form.setFieldValue('action', value ?? '')}
            clearable
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <Select
            label={t('audit.filters.entityType')}
            placeholder={t('organisations.filters.all')}
            data={entityOptions}
            value={values.entityType || null}
            onChange={(value) => form.setFieldValue('entityType', value ?? '')}
            clearable
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <TextInput
            label={t('audit.filters.entityId')}
            styles={MONO_INPUT}
            {...form.getInputProps('entityId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <TextInput
            label={t('audit.filters.actor')}
            description={t('audit.filters.actorHint')}
            {...form.getInputProps('actor')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, lg: 2 }}>
          <DateField label={t('audit.filters.from')} {...form.getInputProps('from')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, lg: 2 }}>
          <DateField
            label={t('audit.filters.to')}
            minDate={values.from || undefined}
            {...form.getInputProps('to')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Group gap="xs">
            <Button type="submit">{t('audit.filters.apply')}</Button>
            <Button
              variant="subtle"
              onClick={() => {
                form.setValues(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as FilterValues);
                onApply({});
              }}
            >
              {t('organisations.filters.reset')}
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
    </form>
  );
}

const KIND_COLOURS: Record<DiffRow['kind'], string> = {
  added: 'var(--mantine-color-teal-0)',
  removed: 'var(--mantine-color-red-0)',
  changed: 'var(--mantine-color-yellow-0)',
  same: 'transparent',
};

function Value({ value }: { value: unknown }) {
  const text = showValue(value);
  return (
    <Text span size="xs" ff="monospace" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
      {text}
    </Text>
  );
}

/** Before and after of one entry: the changed values first, everything on request. */
function EntryDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const [showSame, setShowSame] = useState(false);
  const [raw, setRaw] = useState(false);
  const rows = diffRows(entry.before, entry.after);
  const shown = showSame ? rows : rows.filter((r) => r.kind !== 'same');
  const sameCount = rows.length - rows.filter((r) => r.kind !== 'same').length;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noData')}
        </Text>
      ) : (
        <ScrollTable minWidth={520}>
          <Table
            withTableBorder
            withColumnBorders
            verticalSpacing={4}
            aria-label={t('audit.diffLabel', { id: entry.id })}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="24%">{t('audit.field')}</Table.Th>
                <Table.Th w="12%">{t('audit.change')}</Table.Th>
                <Table.Th>{t('audit.before')}</Table.Th>
                <Table.Th>{t('audit.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={row.path || '(value)'} bg={KIND_COLOURS[row.kind]}>
                  <Table.Td>
                    <Text span size="xs" ff="monospace">
                      {row.path || t('audit.wholeValue')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text span size="xs">
                      {t(`audit.kinds.${row.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Value value={row.before} />
                  </Table.Td>
                  <Table.Td>
                    <Value value={row.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Group gap="md">
        {sameCount > 0 && (
          <Switch
            size="xs"
            checked={showSame}
            onChange={(e) => setShowSame(e.currentTarget.checked)}
            label={t('audit.showSame', { count: sameCount })}
          />
        )}
        <Switch
          size="xs"
          checked={raw}
          onChange={(e) => setRaw(e.currentTarget.checked)}
          label={t('audit.showRaw')}
        />
      </Group>
      {raw && (
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Text size="xs" fw={600}>
              {t('audit.before')}
            </Text>
            <Code block>{JSON.stringify(entry.before, null, 2)}</Code>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Text size="xs" fw={600}>
              {t('audit.after')}
            </Text>
            <Code block>{JSON.stringify(entry.after, null, 2)}</Code>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

/** The entity as plain text (it sits inside the accordion's button, where links may not go). */
function EntityLabel({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const type = t(`audit.entities.${entry.entityType}`, { defaultValue: entry.entityType });
  return (
    <>
      {type}
      {entry.entityId && (
        <Text span size="xs" ff="monospace" c="dimmed" display="block" component="span">
          {entry.entityId}
        </Text>
      )}
    </>
  );
}

/** Where the entity of an entry can be opened, if anywhere this user may go. */
function EntityLink({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!entry.entityId) return null;
  const organisation = entry.entityType === 'organisation' || entry.entityType === 'organisation.contacts';
  const account = (entry.entityType === 'user' || entry.entityType === 'membership') && canManageUsers(user);
  if (!organisation && !account) return null;
  return (
    <Anchor
      component={Link}
      to={organisation ? `/mitra/${entry.entityId}` : `/admin/pengguna/${entry.entityId}`}
      size="sm"
    >
      {organisation ? t('audit.openOrganisation') : t('audit.openUser')}
    </Anchor>
  );
}

const ACTION_COLOURS: Partial<Record<AuditEntry['action'], string>> = {
  create: 'teal.9',
  update: 'blue.9',
  verify: 'teal.9',
  import: 'violet.9',
  read_personal: 'grape.9',
  login_failed: 'red.9',
  revoke: 'red.9',
  password_reset: 'indigo.9',
};

function EntryList({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Accordion multiple variant="separated" chevronPosition="left">
      {entries.map((entry) => (
        <Accordion.Item key={entry.id} value={String(entry.id)} data-testid="audit-entry">
          <Accordion.Control>
            <span className="simpul-audit-row">
              <Text span size="sm" ff="monospace" c="dimmed">
                #{entry.id}
              </Text>
              <Text span size="sm">
                {formatDateTime(entry.occurredAt, locale)}
              </Text>
              <span>
                <Badge
                  color={ACTION_COLOURS[entry.action] ?? 'gray.7'}
                  variant="filled"
                  autoContrast
                  tt="none"
                >
                  {t(`audit.actions.${entry.action}`)}
                </Badge>
              </span>
              <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
                {entry.actorLabel}
              </Text>
              <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
                <EntityLabel entry={entry} />
              </Text>
            </span>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              <EntityLink entry={entry} />
              <EntryDiff entry={entry} />
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('audit.meta', { ip: entry.ip ?? '—', requestId: entry.requestId ?? '—' })}
                <br />
                {t('audit.hash')} <Code>{entry.hash}</Code>
              </Text>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const locale = useLocale();
  const verify = useVerifyChain();
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify.button')}
        </Button>
      </Group>
      {verify.isError && <ErrorAlert error={verify.error} />}
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal' : 'red'}
          variant="light"
          role="status"
          title={verify.data.ok ? t('audit.verify.okTitle') : t('audit.verify.brokenTitle')}
          data-testid="chain-result"
        >
          {verify.data.ok
            ? t('audit.verify.okText', { formatted: formatNumber(verify.data.checked, locale) })
            : t('audit.verify.brokenText', {
                id: verify.data.firstBrokenId ?? '?',
                reason: verify.data.reason ?? '',
                formatted: formatNumber(verify.data.checked, locale),
              })}
        </Alert>
      )}
    </Stack>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const audit = useAudit(filters, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const total = audit.data?.page.total ?? 0;
  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[{ label: t('nav.admin'), to: '/admin' }, { label: t('admin.sections.audit.title') }]}
        title={t('admin.sections.audit.title')}
        subtitle={t('audit.intro')}
      />
      <AdminNav />
      <Paper p={{ base: 'sm', sm: 'md' }}>
        <VerifyChain />
      </Paper>
      <Paper p={{ base: 'sm', sm: 'md' }}>
        {/* Keyed by the URL: back/forward shows the filters that produced the list. */}
        <AuditFilterForm
          key={params.toString()}
          filters={filters}
          onApply={(next) => setParams(paramsOf(next))}
        />
      </Paper>
      <Text size="sm" c="dimmed" role="status">
        {audit.data ? t('audit.count', { count: total, formatted: formatNumber(total, locale) }) : ''}
      </Text>
      {audit.isPending && <Skeleton h={320} />}
      {audit.isError && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && audit.data.items.length === 0 && (
        <Paper p="lg">
          <Text>{t('audit.empty')}</Text>
        </Paper>
      )}
      {audit.data && audit.data.items.length > 0 && <EntryList entries={audit.data.items} />}
      {total > PAGE_SIZE && (
        <ListPager
          pages={Math.ceil(total / PAGE_SIZE)}
          page={page}
          onChange={(next) => setParams(paramsOf(filters, next))}
        />
      )}
    </Stack>
  );
}

/** /admin/audit: the hash-chained audit trail, for auditors and platform administrators. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.sections.audit.title'));
  return (
    <RequireAccess allow={canReadAudit}>
      <AuditLog />
    </RequireAccess>
  );
}
