import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Partnership } from '../../../shared/contracts/partnerships.ts';
import { formatDate, formatNumber, formatRupiah } from '../../../shared/format.ts';
import { PARTNERSHIP_TRANSITIONS } from '../../../shared/programs.ts';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert.tsx';
import { EditIcon, PlusIcon } from '../../components/icons.tsx';
import { OrganisationName } from '../../components/OrganisationName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { StatusControl } from '../../components/StatusControl.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canCreatePartnerships } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { TypeBadge } from '../organisations/badges.tsx';
import { ProgramStatusBadge } from '../programs/badges.tsx';
import { useAnswerForParty, usePartnership, useSetPartnershipStatus } from './api.ts';
import { PartnershipStatusBadge, PartyConfirmationBadge, partyLabel } from './badges.tsx';
import { DurabilityFacts } from './DurabilityFacts.tsx';
import { formatAgreementPeriod } from './PartnershipListPage.tsx';

export function PartnershipNotFound() {
  const { t } = useTranslation();
  return (
    <Paper p="lg" maw={640}>
      <Stack gap="sm">
        <Title order={2}>{t('partnerships.notFound.title')}</Title>
        <Text>{t('partnerships.notFound.text')}</Text>
        <Anchor component={Link} to="/kemitraan">
          {t('partnerships.notFound.back')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/**
 * Each party with its role, whether it confirmed and, labelled, what it committed:
 * readable in a narrow column and on a phone. Those who answer for a party get its
 * confirm / decline buttons.
 */
function Parties({ item, onError }: { item: Partnership; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const answer = useAnswerForParty(item.id);
  const respond = (organisationId: string, verb: 'confirm' | 'decline') =>
    answer.mutate({ organisationId, answer: verb, version: item.version }, { onError });
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="parties">
      {item.parties.map((p, i) => {
        // Null only for a withheld (unverified) party, which a visitor sees and cannot answer for.
        const partyId = p.id;
        const commitments: Array<[string, string]> = [];
        if (p.commitmentMoney !== null)
          commitments.push([
            t('partnerships.fields.commitmentMoney'),
            formatRupiah(p.commitmentMoney, locale),
          ]);
        if (p.commitmentInKind)
          commitments.push([t('partnerships.fields.commitmentInKind'), p.commitmentInKind]);
        if (p.commitmentExpertise)
          commitments.push([t('partnerships.fields.commitmentExpertise'), p.commitmentExpertise]);
        if (p.commitmentMonths !== null)
          commitments.push([
            t('partnerships.detail.commitmentLength'),
            t('partnerships.detail.months', {
              count: p.commitmentMonths,
              formatted: formatNumber(p.commitmentMonths, locale),
            }),
          ]);
        return (
          <Paper key={p.id ?? `withheld-${i}`} component="li" p="sm" bg="var(--mantine-color-gray-0)">
            <Stack gap={6}>
              <Group gap="xs" justify="space-between" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <OrganisationName org={p} size="sm" fw={600} />
                  <Group gap="xs">
                    <TypeBadge type={p.type} />
                    <Text size="sm">{t(`partnerships.partyRoles.${p.role}`)}</Text>
                    <PartyConfirmationBadge confirmation={p.confirmation} />
                  </Group>
                </Stack>
                {p.canRespond && partyId !== null && p.confirmation !== 'confirmed' && (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      aria-label={t('partnerships.confirmation.confirmLabel', { name: p.name })}
                      loading={answer.isPending && answer.variables?.organisationId === p.id}
                      onClick={() => respond(partyId, 'confirm')}
                    >
                      {t('partnerships.confirmation.confirm')}
                    </Button>
                    {p.confirmation === 'invited' && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('partnerships.confirmation.declineLabel', { name: p.name })}
                        disabled={answer.isPending}
                        onClick={() => respond(partyId, 'decline')}
                      >
                        {t('partnerships.confirmation.decline')}
                      </Button>
                    )}
                  </Group>
                )}
              </Group>
              {p.confirmation === 'invited' && (
                <Text size="xs" c="dimmed">
                  {t('partnerships.confirmation.hint')}
                </Text>
              )}
              {commitments.length > 0 ? (
                <dl className="simpul-facts">
                  {commitments.map(([label, value]) => (
                    <Fragment key={label}>
                      <dt>{label}</dt>
                      <dd>{value}</dd>
                    </Fragment>
                  ))}
                </dl>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('partnerships.detail.noCommitments')}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function PartnershipView({ item, onReload }: { item: Partnership; onReload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const user = useSession().data?.user ?? null;
  const [actionError, setActionError] = useState<unknown>(null);
  const setStatus = useSetPartnershipStatus(item.id);
  const conflict = actionError instanceof ApiError && actionError.code === 'VERSION_CONFLICT';
  const date = (value: string | null) => (value ? formatDate(value, locale) : '—');
  const current = item.chain.findIndex((c) => c.id === item.id);
  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[{ label: t('nav.partnerships'), to: '/kemitraan' }, { label: item.title }]}
        title={item.title}
        subtitle={item.parties.map((p) => partyLabel(p, t)).join(' · ')}
        badges={
          <>
            <PartnershipStatusBadge status={item.status} />
            <Text size="sm" c="dimmed">
              {t(`partnerships.agreementTypes.${item.agreementType}`)}
            </Text>
          </>
        }
        actions={
          <>
            {item.canEdit && (
              <>
                <Button component={Link} to={`/kemitraan/${item.id}/ubah`} leftSection={<EditIcon />}>
                  {t('partnerships.detail.edit')}
                </Button>
                <StatusControl
                  domain="partnerships"
                  status={item.status}
                  version={item.version}
                  moves={PARTNERSHIP_TRANSITIONS[item.status]}
                  dangerous="terminated"
                  mutation={setStatus}
                  onError={setActionError}
                />
              </>
            )}
            {canCreatePartnerships(user) && (
              <Button
                component={Link}
                to={`/kemitraan/baru?renews=${item.id}`}
                variant="default"
                leftSection={<PlusIcon />}
              >
                {t('partnerships.detail.renew')}
              </Button>
            )}
          </>
        }
      />
      {actionError !== null && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={conflict ? t('programs.form.conflictTitle') : t('programs.detail.actionFailed')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setActionError(null)}
        >
          <Stack gap="xs">
            <Text size="sm">{conflict ? t('programs.form.conflictText') : errorMessage(actionError)}</Text>
            {conflict && (
              <Group>
                <Button
                  size="xs"
                  variant="white"
                  color="red"
                  onClick={() => {
                    setActionError(null);
                    onReload();
                  }}
                >
                  {t('programs.detail.reload')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SectionCard title={t('partnerships.detail.details')} id="partnership-details">
              <dl className="simpul-facts">
                <dt>{t('partnerships.fields.agreementType')}</dt>
                <dd>{t(`partnerships.agreementTypes.${item.agreementType}`)}</dd>
                <dt>{t('partnerships.fields.agreementNumber')}</dt>
                <dd>{item.agreementNumber ?? '—'}</dd>
                <dt>{t('partnerships.fields.signedOn')}</dt>
                <dd>{date(item.signedOn)}</dd>
                <dt>{t('partnerships.fields.period')}</dt>
                <dd>
                  {formatAgreementPeriod(item.startsOn, item.endsOn, locale, t('partnerships.openEnded'))}
                </dd>
                {item.terminatedOn && (
                  <>
                    <dt>{t('partnerships.fields.terminatedOn')}</dt>
                    <dd>{date(item.terminatedOn)}</dd>
                  </>
                )}
                <dt>{t('partnerships.fields.key')}</dt>
                <dd>
                  <Text span size="sm" ff="monospace">
                    {item.key}
                  </Text>
                </dd>
                <dt>{t('programs.lifecycle.createdAt')}</dt>
                <dd>{date(item.createdAt)}</dd>
                <dt>{t('programs.lifecycle.updatedAt')}</dt>
                <dd>{date(item.updatedAt)}</dd>
              </dl>
            </SectionCard>
            <SectionCard title={t('partnerships.fields.description')} id="partnership-description">
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {item.description ?? '—'}
              </Text>
            </SectionCard>
            <SectionCard title={t('partnerships.fields.parties')} id="partnership-parties">
              <Parties item={item} onError={setActionError} />
            </SectionCard>
            <SectionCard title={t('partnerships.fields.programs')} id="partnership-programs">
              {item.programs.length > 0 ? (
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {item.programs.map((p) => (
                    <Group key={p.id} component="li" gap="xs" justify="space-between" wrap="nowrap">
                      <Anchor component={Link} to={`/program/${p.id}`} size="sm">
                        {p.title}
                      </Anchor>
                      <ProgramStatusBadge status={p.status} />
                    </Group>
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('partnerships.detail.noPrograms')}
                </Text>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <SectionCard title={t('partnerships.fields.durability')} id="partnership-durability">
              <DurabilityFacts durability={item.durability} />
            </SectionCard>
            <SectionCard title={t('partnerships.detail.chain')} id="partnership-chain">
              {item.chain.length <= 1 ? (
                <Text size="sm" c="dimmed">
                  {t('partnerships.detail.noChain')}
                </Text>
              ) : (
                <Timeline active={current} bulletSize={14} lineWidth={2}>
                  {item.chain.map((c) => (
                    <Timeline.Item
                      key={c.id}
                      title={
                        c.id === item.id ? (
                          <Text size="sm" fw={700} aria-current="true">
                            {c.title} {t('partnerships.detail.thisOne')}
                          </Text>
                        ) : (
                          <Anchor component={Link} to={`/kemitraan/${c.id}`} size="sm">
                            {c.title}
                          </Anchor>
                        )
                      }
                    >
                      <Group gap="xs">
                        <PartnershipStatusBadge status={c.status} />
                        <Text size="xs" c="dimmed">
                          {c.startsOn ? formatDate(c.startsOn, locale) : '—'}
                        </Text>
                      </Group>
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </SectionCard>
            <SectionCard title={t('programs.fields.documents')} id="partnership-documents">
              {item.documents.length > 0 ? (
                <List size="sm" spacing={4}>
                  {item.documents.map((d) => (
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
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** /kemitraan/:id — one agreement: its parties, commitments, lifecycle and durability. */
export function PartnershipPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const item = usePartnership(id);
  const notFound =
    item.error instanceof ApiError && (item.error.isNotFound || item.error.code === 'VALIDATION_FAILED');
  useDocumentTitle(item.data?.title ?? (notFound ? t('partnerships.notFound.title') : t('nav.partnerships')));
  if (item.isPending) return <Skeleton h={480} />;
  if (notFound) return <PartnershipNotFound />;
  if (item.isError) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  return <PartnershipView item={item.data} onReload={() => void item.refetch()} />;
}
