import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { useLogout } from './session.ts';

/**
 * Shown instead of every page while the account must choose a new password (after an
 * administrator's reset): the server refuses everything else until then.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const logout = useLogout();
  useDocumentTitle(t('auth.password.forcedTitle'));
  return (
    <Stack maw={520} mx="auto" mt={{ base: 'md', sm: 'xl' }}>
      <Paper p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Title order={2}>{t('auth.password.forcedTitle')}</Title>
          <Alert color="yellow" variant="light">
            {t('auth.password.forcedText')}
          </Alert>
          <ChangePasswordForm />
          <Group>
            <Button variant="subtle" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('auth.menu.logout')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
