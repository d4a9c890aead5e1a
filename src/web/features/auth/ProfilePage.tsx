import { Anchor, Code, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionUser } from '../../../shared/contracts/accounts.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { RequireAccess } from './RequireAccess.tsx';
import { useCurrentUser } from './session.ts';

function Profile({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('auth.profile.title')} subtitle={t('auth.profile.intro')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper p={{ base: 'sm', sm: 'md' }}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('auth.profile.account')}
            </Title>
            <dl className="simpul-facts">
              <dt>{t('auth.fields.name')}</dt>
              <dd>{user.name}</dd>
              <dt>{t('auth.fields.email')}</dt>
              <dd style={{ overflowWrap: 'anywhere' }}>{user.email}</dd>
            </dl>
          </Stack>
        </Paper>
        <Paper p={{ base: 'sm', sm: 'md' }}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('auth.password.title')}
            </Title>
            <ChangePasswordForm />
          </Stack>
        </Paper>
      </SimpleGrid>
      <Paper p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="xs">
          <Title order={3} size="h4" id="memberships-title">
            {t('auth.profile.memberships')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('auth.profile.membershipsHint')}
          </Text>
          {user.memberships.length === 0 ? (
            <Text>{t('auth.profile.noMemberships')}</Text>
          ) : (
            <ScrollTable minWidth={480}>
              <Table aria-labelledby="memberships-title" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('auth.profile.organisation')}</Table.Th>
                    <Table.Th>{t('auth.profile.role')}</Table.Th>
                    <Table.Th>{t('auth.profile.areaScope')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {user.memberships.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/mitra/${m.organisationId}`} inherit>
                          {m.organisationName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`roles.${m.role}`)}</Table.Td>
                      <Table.Td>
                        {m.areaScope ? (
                          <Anchor component={Link} to={`/wilayah/${m.areaScope}`} inherit>
                            <Code>{m.areaScope}</Code>
                          </Anchor>
                        ) : (
                          t('auth.profile.wholeProvince')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function ProfileContent() {
  const user = useCurrentUser();
  return user ? <Profile user={user} /> : null;
}

/** /profil: who I am, my roles in which organisations and areas, and my password. */
export function ProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.profile.title'));
  return (
    <RequireAccess>
      <ProfileContent />
    </RequireAccess>
  );
}
