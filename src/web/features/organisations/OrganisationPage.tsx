import { Anchor, Button, Grid, Group, Menu, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Organisation } from '../../../shared/contracts/organisations.ts';
import { formatDate } from '../../../shared/format.ts';
import { VERIFICATION_STATUSES, type VerificationStatus } from '../../../shared/roles.ts';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert.tsx';
import { EditIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canVerifyOrganisation } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { OrganisationCollaboration } from '../partnerships/OrganisationCollaboration.tsx';
import { useOrganisation, useSetVerification } from './api.ts';
import { IssueBadges, TypeBadge, VerificationBadge } from './badges.tsx';

function Dash() {
  const { t } = useTranslation();
  return (
    <Text span c="dimmed" size="sm">
      {t('organisations.profile.none')}
    </Text>
  );
}

/** Coordinators and platform administrators mark an organisation verified, unverified or rejected. */
function VerificationControl({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const verify = useSetVerification(org.id);
  const choose = (status: VerificationStatus) =>
    verify.mutate(
      { status, version: org.version },
      {
        onSuccess: () =>
          notify({
            message: t('organisations.profile.verificationSaved', {
              status: t(`organisations.verification.${status}`),
            }),
          }),
        onError: (error) => notify({ kind: 'error', message: errorMessage(error) }),
      },
    );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={verify.isPending}>
          {t('organisations.profile.setVerification')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {VERIFICATION_STATUSES.map((status) => (
          <Menu.Item key={status} disabled={status === org.verificationStatus} onClick={() => choose(status)}>
            {t(`organisations.profile.markAs.${status}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function Contacts({ org, signedIn }: { org: Organisation; signedIn: boolean }) {
  const { t } = useTranslation();
  if (!signedIn) {
    return (
      <Text size="sm" c="dimmed">
        {t('organisations.profile.contactsSignIn')}{' '}
        <Anchor component={Link} to={`/masuk?next=${encodeURIComponent(`/mitra/${org.id}`)}`} inherit>
          {t('auth.login.title')}
        </Anchor>
      </Text>
    );
  }
  if (org.contacts.length === 0) return <Dash />;
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('organisations.profile.contactsPersonal')}
      </Text>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {org.contacts.map((c, i) => (
          // Contacts have no id; their order is stable within one version of the record.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Stack key={i} gap={0} component="li">
            <Text size="sm" fw={600}>
              {c.name}
            </Text>
            {c.position && (
              <Text size="sm" c="dimmed">
                {c.position}
              </Text>
            )}
            {c.phone && (
              <Anchor href={`tel:${c.phone.replace(/[^\d+]/g, '')}`} size="sm">
                {c.phone}
              </Anchor>
            )}
            {c.email && (
              <Anchor href={`mailto:${c.email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {c.email}
              </Anchor>
            )}
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

function OrganisationView({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useSession().data?.user ?? null;
  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[{ label: t('nav.partners'), to: '/mitra' }, { label: org.shortName ?? org.legalName }]}
        title={org.legalName}
        subtitle={org.shortName ?? undefined}
        badges={
          <>
            <TypeBadge type={org.type} />
            {org.level && (
              <Text size="sm" c="dimmed">
                {t(`organisations.levels.${org.level}`)}
              </Text>
            )}
            <VerificationBadge status={org.verificationStatus} />
          </>
        }
        actions={
          <>
            {org.canEdit && (
              <Button component={Link} to={`/mitra/${org.id}/ubah`} leftSection={<EditIcon />}>
                {t('organisations.profile.edit')}
              </Button>
            )}
            {canVerifyOrganisation(user, org.areaCode) && <VerificationControl org={org} />}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SectionCard title={t('organisations.profile.details')} id="org-details">
              <dl className="simpul-facts">
                <dt>{t('organisations.fields.type')}</dt>
                <dd>
                  {t(`organisations.types.${org.type}`)}
                  {org.level ? ` · ${t(`organisations.levels.${org.level}`)}` : ''}
                </dd>
                <dt>{t('organisations.fields.areaCode')}</dt>
                <dd>
                  <Anchor component={Link} to={`/wilayah/${org.areaCode}`} inherit>
                    {org.areaName}
                  </Anchor>
                </dd>
                <dt>{t('organisations.fields.parentId')}</dt>
                <dd>
                  {org.parent ? (
                    <Anchor component={Link} to={`/mitra/${org.parent.id}`} inherit>
                      {org.parent.legalName}
                    </Anchor>
                  ) : (
                    <Dash />
                  )}
                </dd>
                <dt>{t('organisations.fields.address')}</dt>
                <dd>{org.address ?? <Dash />}</dd>
                <dt>{t('organisations.fields.website')}</dt>
                <dd style={{ overflowWrap: 'anywhere' }}>
                  {org.website ? (
                    <Anchor href={org.website} target="_blank" rel="noopener noreferrer" inherit>
                      {org.website}
                    </Anchor>
                  ) : (
                    <Dash />
                  )}
                </dd>
                <dt>{t('organisations.fields.offers')}</dt>
                <dd>
                  {org.offers.length > 0 ? (
                    org.offers.map((o) => t(`organisations.offers.${o}`)).join(', ')
                  ) : (
                    <Dash />
                  )}
                </dd>
                <dt>{t('organisations.fields.key')}</dt>
                <dd>
                  <Text span size="sm" ff="monospace">
                    {org.key}
                  </Text>
                </dd>
                <dt>{t('organisations.profile.updated')}</dt>
                <dd>{formatDate(org.updatedAt, locale)}</dd>
              </dl>
            </SectionCard>
            <SectionCard title={t('organisations.fields.description')} id="org-description">
              {org.description ? (
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {org.description}
                </Text>
              ) : (
                <Dash />
              )}
            </SectionCard>
            <OrganisationCollaboration organisationId={org.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <SectionCard title={t('organisations.fields.issues')} id="org-issues">
              {org.issues.length > 0 ? <IssueBadges codes={org.issues} /> : <Dash />}
            </SectionCard>
            <SectionCard title={t('organisations.fields.coverageAreas')} id="org-coverage">
              {org.coverageAreas.length > 0 ? (
                <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {org.coverageAreas.map((area) => (
                    <li key={area.code}>
                      <Anchor component={Link} to={`/wilayah/${area.code}`} size="sm">
                        {area.name}
                      </Anchor>
                    </li>
                  ))}
                </Group>
              ) : (
                <Dash />
              )}
            </SectionCard>
            <SectionCard title={t('organisations.fields.contacts')} id="org-contacts">
              <Contacts org={org} signedIn={Boolean(user)} />
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** /mitra/:id — everything known about one organisation. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const org = useOrganisation(id);
  const notFound =
    org.error instanceof ApiError && (org.error.isNotFound || org.error.code === 'VALIDATION_FAILED');
  useDocumentTitle(org.data?.legalName ?? (notFound ? t('organisations.notFound.title') : t('nav.partners')));

  if (org.isPending) return <Skeleton h={480} />;
  if (notFound) {
    return (
      <Paper p="lg" maw={640}>
        <Stack gap="sm">
          <Title order={2}>{t('organisations.notFound.title')}</Title>
          <Text>{t('organisations.notFound.text')}</Text>
          <Anchor component={Link} to="/mitra">
            {t('organisations.notFound.back')}
          </Anchor>
        </Stack>
      </Paper>
    );
  }
  if (org.isError) return <ErrorAlert error={org.error} onRetry={() => void org.refetch()} />;
  return <OrganisationView org={org.data} />;
}
