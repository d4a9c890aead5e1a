import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Code,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  createMembershipBody,
  type Membership,
  resetPasswordBody,
  type UserSummary,
} from '../../../shared/contracts/accounts.ts';
import { TEXT_LIMITS } from '../../../shared/contracts/limits.ts';
import { formatDate } from '../../../shared/format.ts';
import { ORG_GRANTABLE_ROLES, ROLES, type Role } from '../../../shared/roles.ts';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { TrashIcon } from '../../components/icons.tsx';
import { LimitedTextInput } from '../../components/LimitedText.tsx';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { hasFieldProblems, problemsFromApiError, problemsFromZod } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { MONO_INPUT } from '../../theme.ts';
import { administeredOrganisationIds, canManageUsers, hasRole } from '../auth/permissions.ts';
import { RequireAccess } from '../auth/RequireAccess.tsx';
import { useCurrentUser } from '../auth/session.ts';
import type { AreaRef, OrganisationRef } from '../organisations/form-values.ts';
import { AdminNav } from './AdminNav.tsx';
import { useGrantMembership, useResetPassword, useRevokeMembership, useUpdateUser, useUser } from './api.ts';
import { temporaryPassword } from './temporary-password.ts';
import { UserStatusBadge } from './UsersPage.tsx';

function AccountPanel({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const [name, setName] = useState(user.name);
  const [confirmActive, setConfirmActive] = useState(false);
  const [resetOpen, setResetOpen] = useState(false);
  const [newPassword, setNewPassword] = useState(temporaryPassword);
  const [resetDone, setResetDone] = useState<string | null>(null);
  const nameProblem = name.trim().length < 2;
  const passwordCheck = resetPasswordBody.safeParse({ newPassword });

  const rename = () =>
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: () => notify({ message: t('admin.users.saved') }),
        onError: (error) => notify({ kind: 'error', message: errorMessage(error) }),
      },
    );
  const toggleActive = () =>
    update.mutate(
      { active: !user.active },
      {
        onSuccess: () => {
          setConfirmActive(false);
          notify({ message: user.active ? t('admin.users.deactivated') : t('admin.users.activated') });
        },
        onError: (error) => {
          setConfirmActive(false);
          notify({ kind: 'error', message: errorMessage(error) });
        },
      },
    );
  const resetPassword = () =>
    reset.mutate(newPassword, {
      onSuccess: () => {
        setResetDone(newPassword);
        setResetOpen(false);
      },
    });

  return (
    <Paper p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('admin.users.account')}
        </Title>
        <dl className="simpul-facts">
          <dt>{t('auth.fields.email')}</dt>
          <dd style={{ overflowWrap: 'anywhere' }}>{user.email}</dd>
          <dt>{t('admin.users.statusLabel')}</dt>
          <dd>
            <UserStatusBadge user={user} />
          </dd>
          <dt>{t('admin.users.lastLogin')}</dt>
          <dd>{user.lastLoginAt ? formatDate(user.lastLoginAt, locale) : t('admin.users.never')}</dd>
        </dl>
        <Group align="flex-end" gap="sm">
          <LimitedTextInput
            limit={TEXT_LIMITS.personName}
            label={t('auth.fields.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameProblem ? t('forms.user.errors.name.too_small') : undefined}
            style={{ flex: '1 1 220px' }}
          />
          <Button
            variant="default"
            onClick={rename}
            disabled={nameProblem || name.trim() === user.name}
            loading={update.isPending && update.variables?.name !== undefined}
          >
            {t('admin.users.rename')}
          </Button>
        </Group>
        {resetDone && (
          <Alert
            color="teal"
            variant="light"
            title={t('admin.users.resetDoneTitle')}
            withCloseButton
            onClose={() => setResetDone(null)}
          >
            <Stack gap={4}>
              <Text size="sm">{t('admin.users.resetDoneText')}</Text>
              <Code fz="md">{resetDone}</Code>
            </Stack>
          </Alert>
        )}
        <Group gap="sm">
          <Button variant="default" onClick={() => setResetOpen(true)}>
            {t('admin.users.resetPassword')}
          </Button>
          <Button
            variant="default"
            color={user.active ? 'red.8' : undefined}
            onClick={() => setConfirmActive(true)}
          >
            {user.active ? t('admin.users.deactivate') : t('admin.users.activate')}
          </Button>
        </Group>
      </Stack>

      <ConfirmDialog
        opened={confirmActive}
        title={user.active ? t('admin.users.deactivate') : t('admin.users.activate')}
        confirmLabel={user.active ? t('admin.users.deactivate') : t('admin.users.activate')}
        danger={user.active}
        loading={update.isPending}
        onConfirm={toggleActive}
        onClose={() => setConfirmActive(false)}
      >
        {user.active
          ? t('admin.users.deactivateText', { name: user.name })
          : t('admin.users.activateText', { name: user.name })}
      </ConfirmDialog>

      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={resetOpen}
        onClose={() => setResetOpen(false)}
        title={t('admin.users.resetPassword')}
        centered
      >
        <Stack gap="sm">
          <Text size="sm">{t('admin.users.resetText', { name: user.name })}</Text>
          {reset.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(reset.error)}
            </Alert>
          )}
          <TextInput
            label={t('admin.users.temporaryPassword')}
            description={t('admin.users.temporaryPasswordHint')}
            styles={MONO_INPUT}
            autoComplete="off"
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={passwordCheck.success ? undefined : t('forms.password.errors.newPassword.too_small')}
            rightSectionWidth={90}
            rightSection={
              <Button size="compact-xs" variant="subtle" onClick={() => setNewPassword(temporaryPassword())}>
                {t('admin.users.generate')}
              </Button>
            }
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setResetOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={resetPassword} loading={reset.isPending} disabled={!passwordCheck.success}>
              {t('admin.users.resetSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

type MembershipValues = { organisation: OrganisationRef | null; role: Role | ''; area: AreaRef | null };

function AddMembership({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const me = useCurrentUser();
  const grant = useGrantMembership(user.id);
  const platformAdmin = hasRole(me, ['platform_admin']);
  const roles = platformAdmin ? ROLES : ORG_GRANTABLE_ROLES;
  const form = useForm<MembershipValues>({
    mode: 'controlled',
    initialValues: { organisation: null, role: '', area: null },
    validate: (values) => {
      const result = createMembershipBody.safeParse({
        organisationId: values.organisation?.id ?? '',
        role: values.role,
        areaScope: values.area?.code ?? null,
      });
      if (result.success) return {};
      const problems = problemsFromZod(result.error.issues, (path) =>
        path[0] === 'organisationId' ? 'organisation' : path[0] === 'areaScope' ? 'area' : String(path[0]),
      );
      if (problems.organisation) problems.organisation = { code: 'required' };
      if (problems.role) problems.role = { code: 'required' };
      return formErrorsOf('membership', problems);
    },
  });
  const values = form.getValues();
  const mapServerPath = (path: readonly PropertyKey[]) =>
    path[0] === 'organisationId' ? 'organisation' : path[0] === 'areaScope' ? 'area' : String(path[0]);
  const fieldProblems = grant.isError ? problemsFromApiError(grant.error, mapServerPath) : {};

  const submit = form.onSubmit((v) =>
    grant.mutate(
      { organisationId: v.organisation?.id ?? '', role: v.role as Role, areaScope: v.area?.code ?? null },
      {
        onSuccess: () => {
          form.reset();
          notify({ message: t('admin.memberships.granted') });
        },
        onError: (error) => {
          const problems = problemsFromApiError(error, mapServerPath);
          if (hasFieldProblems(problems)) form.setErrors(formErrorsOf('membership', problems));
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-membership-title">
      <Stack gap="sm">
        <Title order={4} size="h5" id="add-membership-title">
          {t('admin.memberships.add')}
        </Title>
        {grant.isError && !hasFieldProblems(fieldProblems) && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(grant.error)}
          </Alert>
        )}
        <Grid gap="sm" align="flex-start">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <OrganisationPicker
              label={t('admin.memberships.organisation')}
              placeholder={t('organisations.form.searchOrganisation')}
              required
              value={values.organisation}
              onChange={(org) => {
                form.setFieldValue('organisation', org);
                form.clearFieldError('organisation');
              }}
              error={form.errors.organisation}
              only={administeredOrganisationIds(me)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('admin.memberships.role')}
              placeholder={t('organisations.form.choose')}
              required
              data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.getInputProps('role')}
              value={values.role || null}
              onChange={(role) => form.setFieldValue('role', (role ?? '') as Role | '')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <AreaPicker
              label={t('admin.memberships.areaScope')}
              description={t('admin.memberships.areaScopeHint')}
              placeholder={t('organisations.form.searchArea')}
              value={values.area}
              onChange={(area) => form.setFieldValue('area', area)}
              error={form.errors.area}
            />
          </Grid.Col>
        </Grid>
        <Group>
          <Button type="submit" loading={grant.isPending}>
            {t('admin.memberships.grant')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MembershipsPanel({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const revoke = useRevokeMembership();
  const [removing, setRemoving] = useState<Membership | null>(null);
  const remove = () =>
    removing &&
    revoke.mutate(removing.id, {
      onSuccess: () => {
        setRemoving(null);
        notify({ message: t('admin.memberships.revoked') });
      },
      onError: (error) => {
        setRemoving(null);
        notify({ kind: 'error', message: errorMessage(error) });
      },
    });
  return (
    <Paper p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="md">
        <Title order={3} size="h4" id="memberships-title">
          {t('admin.memberships.title')}
        </Title>
        {user.memberships.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('admin.memberships.none')}
          </Text>
        ) : (
          <ScrollTable minWidth={520}>
            <Table aria-labelledby="memberships-title" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.memberships.organisation')}</Table.Th>
                  <Table.Th>{t('admin.memberships.role')}</Table.Th>
                  <Table.Th>{t('admin.memberships.areaScope')}</Table.Th>
                  <Table.Th w={60}>
                    <VisuallyHidden>{t('admin.memberships.actions')}</VisuallyHidden>
                  </Table.Th>
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
                      {m.areaScope ? <Code>{m.areaScope}</Code> : t('auth.profile.wholeProvince')}
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoving(m)}
                        aria-label={t('admin.memberships.revokeLabel', {
                          role: t(`roles.${m.role}`),
                          organisation: m.organisationName,
                        })}
                      >
                        <TrashIcon />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <AddMembership user={user} />
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('admin.memberships.revoke')}
        confirmLabel={t('admin.memberships.revoke')}
        danger
        loading={revoke.isPending}
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      >
        {removing
          ? t('admin.memberships.revokeText', {
              name: user.name,
              role: t(`roles.${removing.role}`),
              organisation: removing.organisationName,
            })
          : ''}
      </ConfirmDialog>
    </Paper>
  );
}

function UserDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const user = useUser(id);
  useDocumentTitle(user.data?.name ?? t('admin.sections.users.title'));
  const crumbs = [
    { label: t('nav.admin'), to: '/admin' },
    { label: t('admin.sections.users.title'), to: '/admin/pengguna' },
  ];
  if (user.isPending) return <Skeleton h={420} />;
  if (user.isError) {
    if (
      user.error instanceof ApiError &&
      (user.error.isNotFound || user.error.code === 'VALIDATION_FAILED')
    ) {
      return (
        <Paper p="lg" maw={640}>
          <Stack gap="sm">
            <Title order={2}>{t('admin.users.notFound')}</Title>
            <Anchor component={Link} to="/admin/pengguna">
              {t('admin.users.back')}
            </Anchor>
          </Stack>
        </Paper>
      );
    }
    return <ErrorAlert error={user.error} onRetry={() => void user.refetch()} />;
  }
  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[...crumbs, { label: user.data.name }]}
        title={user.data.name}
        subtitle={user.data.email}
      />
      <AdminNav />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <AccountPanel key={user.data.name} user={user.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <MembershipsPanel user={user.data} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** /admin/pengguna/:id: one account — name, status, password reset, memberships. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  return (
    <RequireAccess allow={canManageUsers}>
      <UserDetail id={id} />
    </RequireAccess>
  );
}
