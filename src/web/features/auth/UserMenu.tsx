import { Avatar, Box, Button, Group, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { notify } from '../../lib/notify.ts';
import { rolesOf } from './permissions.ts';
import { membershipLabel } from './RoleLabel.ts';
import { useLogout, useSession } from './session.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return `${parts[0]?.[0] ?? ''}${parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : ''}`.toUpperCase();
}

/** Header: "Masuk" for visitors; for users their name with roles, Profil and Keluar. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const user = session.data?.user;

  if (session.isPending) return null;
  if (!user) {
    if (pathname === '/masuk') return null;
    const next = encodeURIComponent(`${pathname}${search}`);
    return (
      <Button component={Link} to={`/masuk?next=${next}`} size="xs" variant="light">
        {t('auth.login.title')}
      </Button>
    );
  }

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => {
        notify({ message: t('auth.menu.loggedOut') });
        void navigate('/');
      },
    });

  return (
    <Menu position="bottom-end" width={280} withinPortal>
      <Menu.Target>
        {/* Named by its text (label-in-name): "Menu pengguna", then the name the reader sees. */}
        <UnstyledButton data-testid="user-menu">
          <VisuallyHidden>{t('auth.menu.label')}</VisuallyHidden>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="simpul" radius="xl" size="md" aria-hidden="true">
              {initials(user.name)}
            </Avatar>
            <Stack gap={0} visibleFrom="md" maw={220}>
              <Text size="sm" fw={600} truncate>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {rolesOf(user)
                  .map((role) => t(`roles.${role}`))
                  .join(', ')}
              </Text>
            </Stack>
            <Box hiddenFrom="md">
              <VisuallyHidden>{user.name}</VisuallyHidden>
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Text>
        </Menu.Label>
        {user.memberships.map((m) => (
          <Menu.Label key={m.id}>
            <Text size="xs" c="dimmed">
              {membershipLabel(t, m)}
            </Text>
          </Menu.Label>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/profil">
          {t('auth.menu.profile')}
        </Menu.Item>
        <Menu.Item onClick={signOut} disabled={logout.isPending}>
          {t('auth.menu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
