import {
  Accordion,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Program } from '../../../shared/contracts/programs.ts';
import { formatDate, formatNumber, formatRupiah } from '../../../shared/format.ts';
import { PROGRAM_TRANSITIONS, type ProgramStatus } from '../../../shared/programs.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert.tsx';
import { EditIcon, TrashIcon } from '../../components/icons.tsx';
import { OrganisationName } from '../../components/OrganisationName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { StatusControl } from '../../components/StatusControl.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { IssueBadges, TypeBadge } from '../organisations/badges.tsx';
import { PartnershipStatusBadge } from '../partnerships/badges.tsx';
import { useDeleteProgram, useProgram, useSetProgramStatus } from './api.ts';
import { ModalityBadges, ProgramStatusBadge } from './badges.tsx';
import { formatBudget, formatCount, formatPeriod } from './format.ts';
import { groupVillages } from './village-groups.ts';

/** Statuses from which a program may still be deleted (the server refuses the others). */
export const DELETABLE_STATUSES: readonly ProgramStatus[] = ['draft', 'planned', 'cancelled'];

function Dash() {
  return (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  );
}

export function ProgramNotFound() {
  const { t } = useTranslation();
  return (
    <Paper p="lg" maw={640}>
      <Stack gap="sm">
        <Title order={2}>{t('programs.notFound.title')}</Title>
        <Text>{t('programs.notFound.text')}</Text>
        <Anchor component={Link} to="/program">
          {t('programs.notFound.back')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function DeleteControl({ program, onError }: { program: Program; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteProgram(program.id);
  const [open, setOpen] = useState(false);
  if (!DELETABLE_STATUSES.includes(program.status)) return null;
  return (
    <>
      <Button variant="default" color="red.8" leftSection={<TrashIcon />} onClick={() => setOpen(true)}>
        {t('programs.detail.delete')}
      </Button>
      <ConfirmDialog
        opened={open}
        title={t('programs.detail.deleteTitle')}
        confirmLabel={t('programs.detail.deleteConfirm')}
        danger
        loading={remove.isPending}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          remove.mutate(program.version, {
            onSuccess: () => {
              notify({ message: t('programs.detail.deleted', { title: program.title }) });
              void navigate('/program');
            },
            onError: (error) => {
              setOpen(false);
              onError(error);
            },
          })
        }
      >
        {t('programs.detail.deleteText', { title: program.title })}
      </ConfirmDialog>
    </>
  );
}

/** A write refused: a conflict says someone else changed it and offers the latest version. */
function ActionProblem({
  error,
  onReload,
  onClose,
}: {
  error: unknown;
  onReload: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
  // The server refuses to plan or start a program without villages with a field problem on `status`.
  const needsVillages =
    error instanceof ApiError &&
    error.code === 'VALIDATION_FAILED' &&
    error.details.some((d) => d.path === 'body.status' && d.code === 'required');
  const generic = useErrorMessage()(error);
  const message = needsVillages ? t('programs.detail.needVillages') : generic;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={conflict ? t('programs.form.conflictTitle') : t('programs.detail.actionFailed')}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
    >
      <Stack gap="xs">
        <Text size="sm">{conflict ? t('programs.form.conflictText') : message}</Text>
        {conflict && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onReload}>
              {t('programs.detail.reload')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function Villages({ program }: { program: Program }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const groups = groupVillages(program.villages);
  if (groups.length === 0) return <Dash />;
  return (
    <Accordion multiple variant="separated" defaultValue={groups.length === 1 ? [groups[0]?.code ?? ''] : []}>
      {groups.map((regency) => (
        <Accordion.Item key={regency.code} value={regency.code}>
          <Accordion.Control>
            <Group gap="xs" justify="space-between" wrap="nowrap" pr="xs">
              <Text fw={600} size="sm">
                {regency.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t('programs.detail.districtsAndVillages', {
                  districts: formatNumber(regency.districts.length, locale),
                  villages: formatNumber(regency.villageCount, locale),
                  count: regency.villageCount,
                })}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              {regency.districts.map((district) => (
                <Stack key={district.code} gap={4}>
                  <Text size="sm" fw={600}>
                    {t('programs.detail.district', { name: district.name })}
                  </Text>
                  <ScrollTable minWidth={360}>
                    <Table
                      verticalSpacing={4}
                      aria-label={t('programs.detail.district', { name: district.name })}
                    >
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('programs.fields.village')}</Table.Th>
                          <Table.Th ta="right">{t('programs.fields.targetHouseholds')}</Table.Th>
                          <Table.Th ta="right">{t('programs.fields.targetPersons')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {district.villages.map((v) => (
                          <Table.Tr key={v.code} data-area-code={v.code}>
                            <Table.Td>
                              <Anchor component={Link} to={`/wilayah/${v.code}`} size="sm">
                                {v.name}
                              </Anchor>
                            </Table.Td>
                            <Table.Td ta="right">{formatCount(v.targetHouseholds, locale)}</Table.Td>
                            <Table.Td ta="right">{formatCount(v.targetPersons, locale)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollTable>
                </Stack>
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function Partners({ program }: { program: Program }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (program.partners.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('programs.detail.noPartners')}
      </Text>
    );
  }
  return (
    <ScrollTable minWidth={520}>
      <Table verticalSpacing="xs" aria-label={t('programs.fields.partners')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('programs.fields.partnerOrganisation')}</Table.Th>
            <Table.Th>{t('programs.fields.partnerRole')}</Table.Th>
            <Table.Th ta="right">{t('programs.fields.contributionMoney')}</Table.Th>
            <Table.Th>{t('programs.fields.contributionInKind')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {program.partners.map((p, i) => (
            <Table.Tr key={`${p.organisation.id ?? i}-${p.role}`}>
              <Table.Td>
                <Stack gap={2}>
                  <OrganisationName org={p.organisation} size="sm" fw={600} />
                  <TypeBadge type={p.organisation.type} />
                </Stack>
              </Table.Td>
              <Table.Td>{t(`programs.partnerRoles.${p.role}`)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {p.contributionMoney === null ? '—' : formatRupiah(p.contributionMoney, locale)}
              </Table.Td>
              <Table.Td>{p.contributionInKind ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Target against reached, as a bar when both are known. */
function Reach({ label, target, reached }: { label: string; target: number | null; reached: number | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const share = target && reached !== null ? Math.min(100, (reached / target) * 100) : null;
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm">
          {t('programs.detail.reachedOfTarget', {
            reached: formatCount(reached, locale),
            target: formatCount(target, locale),
          })}
        </Text>
      </Group>
      {share !== null && (
        <Progress
          value={share}
          aria-label={t('programs.detail.reachShare', { label, share: Math.round(share) })}
        />
      )}
    </Stack>
  );
}

function Lifecycle({ program }: { program: Program }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const steps = [
    ['createdAt', program.createdAt],
    ['plannedAt', program.plannedAt],
    ['startedAt', program.startedAt],
    ['completedAt', program.completedAt],
    ['cancelledAt', program.cancelledAt],
  ] as const;
  return (
    <dl className="simpul-facts">
      {steps
        .filter(([key, value]) => value !== null || key === 'createdAt')
        .map(([key, value]) => (
          <Fragment key={key}>
            <dt>{t(`programs.lifecycle.${key}`)}</dt>
            <dd>{value ? formatDate(value, locale) : '—'}</dd>
          </Fragment>
        ))}
      <dt>{t('programs.lifecycle.updatedAt')}</dt>
      <dd>{formatDate(program.updatedAt, locale)}</dd>
    </dl>
  );
}

function ProgramView({ program, onReload }: { program: Program; onReload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [actionError, setActionError] = useState<unknown>(null);
  const setStatus = useSetProgramStatus(program.id);
  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[{ label: t('nav.programs'), to: '/program' }, { label: program.title }]}
        title={program.title}
        subtitle={
          <>
            {t('programs.detail.by')} <OrganisationName org={program.owner} inherit />
          </>
        }
        badges={
          <>
            <ProgramStatusBadge status={program.status} />
            <ModalityBadges modality={program.modality} productive={program.productive} />
          </>
        }
        actions={
          program.canEdit ? (
            <>
              <Button component={Link} to={`/program/${program.id}/ubah`} leftSection={<EditIcon />}>
                {t('programs.detail.edit')}
              </Button>
              <StatusControl
                domain="programs"
                status={program.status}
                version={program.version}
                moves={PROGRAM_TRANSITIONS[program.status]}
                dangerous="cancelled"
                final={['completed', 'cancelled']}
                mutation={setStatus}
                onError={setActionError}
              />
              <DeleteControl program={program} onError={setActionError} />
            </>
          ) : undefined
        }
      />
      {actionError !== null && (
        <ActionProblem
          error={actionError}
          onClose={() => setActionError(null)}
          onReload={() => {
            setActionError(null);
            onReload();
          }}
        />
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SectionCard title={t('programs.detail.details')} id="program-details">
              <dl className="simpul-facts">
                <dt>{t('programs.fields.owner')}</dt>
                <dd>
                  <Group gap="xs">
                    <OrganisationName org={program.owner} inherit />
                    <TypeBadge type={program.owner.type} />
                  </Group>
                </dd>
                <dt>{t('programs.fields.period')}</dt>
                <dd>{formatPeriod(program.periodStart, program.periodEnd, locale)}</dd>
                <dt>{t('programs.fields.budgetPlanned')}</dt>
                <dd data-testid="program-budget-planned">{formatBudget(program.budgetPlanned, locale, t)}</dd>
                <dt>{t('programs.fields.budgetRealised')}</dt>
                <dd>
                  {program.budgetRealised === null ? <Dash /> : formatRupiah(program.budgetRealised, locale)}
                </dd>
                <dt>{t('programs.fields.modality')}</dt>
                <dd>
                  {t(`programs.modalities.${program.modality}`)} ·{' '}
                  {program.productive ? t('programs.productive') : t('programs.consumptive')}
                </dd>
                <dt>{t('programs.fields.issues')}</dt>
                <dd>{program.issues.length > 0 ? <IssueBadges codes={program.issues} /> : <Dash />}</dd>
                <dt>{t('programs.fields.regencies')}</dt>
                <dd>{program.regencies.map((r) => r.name).join(', ') || <Dash />}</dd>
                <dt>{t('programs.fields.key')}</dt>
                <dd>
                  <Text span size="sm" ff="monospace">
                    {program.key}
                  </Text>
                </dd>
                <dt>{t('programs.fields.source')}</dt>
                <dd>{t(`programs.sources.${program.source}`, { defaultValue: program.source })}</dd>
              </dl>
            </SectionCard>
            <SectionCard title={t('programs.fields.description')} id="program-description">
              {program.description ? (
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {program.description}
                </Text>
              ) : (
                <Dash />
              )}
            </SectionCard>
            <SectionCard
              title={t('programs.detail.villagesTitle', {
                count: program.villageCount,
                formatted: formatNumber(program.villageCount, locale),
              })}
              id="program-villages"
            >
              <Villages program={program} />
            </SectionCard>
            <SectionCard title={t('programs.fields.partners')} id="program-partners">
              <Partners program={program} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <SectionCard title={t('programs.detail.results')} id="program-results">
              <Reach
                label={t('programs.detail.households')}
                target={program.targetHouseholds}
                reached={program.reachedHouseholds}
              />
              <Reach
                label={t('programs.detail.persons')}
                target={program.targetPersons}
                reached={program.reachedPersons}
              />
            </SectionCard>
            <SectionCard title={t('programs.detail.lifecycle')} id="program-lifecycle">
              <Lifecycle program={program} />
            </SectionCard>
            <SectionCard title={t('programs.fields.documents')} id="program-documents">
              {program.documents.length > 0 ? (
                <List size="sm" spacing={4}>
                  {program.documents.map((d) => (
                    <List.Item key={d.url}>
                      <Anchor
                        href={d.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {d.title}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              ) : (
                <Dash />
              )}
            </SectionCard>
            <SectionCard title={t('programs.detail.partnerships')} id="program-partnerships">
              {program.partnerships.length > 0 ? (
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {program.partnerships.map((p) => (
                    <Group key={p.id} component="li" gap="xs" justify="space-between" wrap="nowrap">
                      <Anchor component={Link} to={`/kemitraan/${p.id}`} size="sm">
                        {p.title}
                      </Anchor>
                      <PartnershipStatusBadge status={p.status} />
                    </Group>
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('programs.detail.noPartnerships')}
                </Text>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** /program/:id — everything recorded about one program. */
export function ProgramPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const program = useProgram(id);
  const notFound =
    program.error instanceof ApiError &&
    (program.error.isNotFound || program.error.code === 'VALIDATION_FAILED');
  useDocumentTitle(program.data?.title ?? (notFound ? t('programs.notFound.title') : t('nav.programs')));
  if (program.isPending) return <Skeleton h={480} />;
  if (notFound) return <ProgramNotFound />;
  if (program.isError) return <ErrorAlert error={program.error} onRetry={() => void program.refetch()} />;
  return <ProgramView program={program.data} onReload={() => void program.refetch()} />;
}
