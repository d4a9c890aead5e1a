import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UserSummary } from '../../../shared/contracts/accounts.ts';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon, SearchIcon } from '../../components/icons.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canManageUsers } from '../auth/permissions.ts';
import { RequireAccess } from '../auth/RequireAccess.tsx';
import { membershipLabel } from '../auth/RoleLabel.ts';
import { AdminNav } from './AdminNav.tsx';
import { useUsers } from './api.ts';
import { CreateUserModal } from './CreateUserModal.tsx';

const PAGE_SIZE = 25;

export function UserStatusBadge({ user }: { user: Pick<UserSummary, 'active' | 'signInThrottled'> }) {
  const { t } = useTranslation();
  if (!user.active)
    return (
      <Badge color="gray.7" variant="filled" autoContrast tt="none" miw="max-content">
        {t('admin.users.status.inactive')}
      </Badge>
    );
  if (user.signInThrottled)
    return (
      <Badge color="yellow.5" variant="filled" autoContrast tt="none" miw="max-content">
        {t('admin.users.status.signInThrottled')}
      </Badge>
    );
  return (
    <Badge color="teal.9" variant="filled" autoContrast tt="none" miw="max-content">
      {t('admin.users.status.active')}
    </Badge>
  );
}

function UsersList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const [page, setPage] = useState(1);
  const [creating, { open, close }] = useDisclosure(false);
  const users = useUsers(debounced, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const total = users.data?.page.total ?? 0;

  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[{ label: t('nav.admin'), to: '/admin' }, { label: t('admin.sections.users.title') }]}
        title={t('admin.sections.users.title')}
        subtitle={t('admin.sections.users.text')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={open}>
            {t('admin.users.create')}
          </Button>
        }
      />
      <AdminNav />
      <CreateUserModal opened={creating} onClose={close} />
      <Paper p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <TextInput
            label={t('admin.users.search')}
            placeholder={t('admin.users.searchPlaceholder')}
            type="search"
            leftSection={<SearchIcon />}
            value={q}
            onChange={(event) => {
              setQ(event.currentTarget.value);
              setPage(1);
            }}
            maw={420}
          />
          <Text size="sm" c="dimmed" role="status">
            {users.data
              ? t('admin.users.count', { count: total, formatted: formatNumber(total, locale) })
              : ''}
          </Text>
          {users.isPending && <Skeleton h={240} />}
          {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
          {users.data && (
            <ScrollTable minWidth={720}>
              <Table
                striped
                highlightOnHover
                aria-label={t('admin.sections.users.title')}
                aria-busy={users.isFetching}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('auth.fields.name')}</Table.Th>
                    <Table.Th>{t('auth.fields.email')}</Table.Th>
                    <Table.Th>{t('admin.users.roles')}</Table.Th>
                    <Table.Th>{t('admin.users.statusLabel')}</Table.Th>
                    <Table.Th>{t('admin.users.lastLogin')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((user) => (
                    <Table.Tr key={user.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/admin/pengguna/${user.id}`} fw={600} inherit>
                          {user.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{user.email}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {user.memberships.map((m) => (
                            <Text key={m.id} size="xs">
                              {membershipLabel(t, m)}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <UserStatusBadge user={user} />
                      </Table.Td>
                      <Table.Td>
                        {user.lastLoginAt ? formatDate(user.lastLoginAt, locale) : t('admin.users.never')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {total > PAGE_SIZE && (
            <Group>
              <ListPager pages={Math.ceil(total / PAGE_SIZE)} page={page} onChange={setPage} />
            </Group>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** /admin/pengguna: the accounts this administrator manages. */
export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.sections.users.title'));
  return (
    <RequireAccess allow={canManageUsers}>
      <UsersList />
    </RequireAccess>
  );
}
