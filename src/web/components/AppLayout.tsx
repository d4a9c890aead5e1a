import {
  Anchor,
  AppShell,
  Badge,
  Box,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink, useLocation } from 'react-router';
import { ForcedPasswordChange } from '../features/auth/ForcedPasswordChange.tsx';
import { useSession } from '../features/auth/session.ts';
import { UserMenu } from '../features/auth/UserMenu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { APP_MODULES } from './modules.ts';

function isActive(pathname: string, path: string): boolean {
  if (path === '/') return pathname === '/';
  return pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * The frame of every page: header (name, tagline, language, user menu), module navigation, main
 * content. While the account must choose a new password, that form replaces every page.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { pathname } = useLocation();
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${theme.breakpoints.sm})`) ?? false;
  // A closed phone menu is only slid off-screen; `inert` also keeps its links out of the tab order
  // and away from screen readers.
  const navHidden = isPhone && !navOpened;
  const session = useSession();
  const user = session.data?.user ?? null;
  const modules = APP_MODULES.filter((m) => !m.visibleTo || m.visibleTo(user));

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Anchor href="#main-content" className="simpul-skip-link">
          {t('app.skipToContent')}
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t('app.closeNav') : t('app.openNav')}
              aria-expanded={navOpened}
              aria-controls="simpul-navbar"
            />
            <Anchor component={RouterNavLink} to="/" underline="never" c="inherit">
              <Group gap="xs" wrap="nowrap">
                <Box
                  aria-hidden="true"
                  w={32}
                  h={32}
                  bg="simpul.8"
                  c="white"
                  fw={700}
                  style={{ borderRadius: '50%', display: 'grid', placeItems: 'center', flexShrink: 0 }}
                >
                  S
                </Box>
                <Stack gap={0}>
                  <Title order={1} size="h3" lh={1.1}>
                    Simpul
                  </Title>
                  <Text size="xs" c="dimmed" visibleFrom="xs" lh={1.2}>
                    {t('app.tagline')}
                  </Text>
                </Stack>
              </Group>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="simpul-navbar"
        p="xs"
        component="nav"
        aria-label={t('app.mainNav')}
        inert={navHidden}
      >
        <AppShell.Section grow component={ScrollArea}>
          {modules.map((module) => {
            const ModuleIcon = module.icon;
            return (
              <NavLink
                key={module.key}
                component={RouterNavLink}
                to={module.path}
                end={module.path === '/'}
                active={isActive(pathname, module.path)}
                // On phones the navigation is a drawer: close it once the reader has picked a page.
                onClick={closeNav}
                label={t(`nav.${module.key}`)}
                leftSection={<ModuleIcon />}
                rightSection={
                  module.ready ? undefined : (
                    <Badge size="xs" variant="light" color="gray">
                      {t('nav.soon')}
                    </Badge>
                  )
                }
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" p="xs">
            {t('app.footer')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1}>
        {user?.mustChangePassword ? <ForcedPasswordChange /> : <Outlet />}
      </AppShell.Main>
    </AppShell>
  );
}
