import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { canUseAdmin } from '../auth/permissions.ts';
import { RequireAccess } from '../auth/RequireAccess.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { ADMIN_SECTIONS } from './AdminNav.tsx';

function Sections() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const sections = user ? ADMIN_SECTIONS.filter((s) => s.allow(user)) : [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {sections.map((s) => (
        <Paper key={s.key} p="md">
          <Stack gap="xs">
            <Title order={3} size="h4">
              <Anchor component={Link} to={s.path} inherit>
                {t(`admin.sections.${s.key}.title`)}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {t(`admin.sections.${s.key}.text`)}
            </Text>
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** /admin: the administration pages this user can use. */
export function AdminHomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.admin'));
  return (
    <RequireAccess allow={canUseAdmin}>
      <PageHeader title={t('nav.admin')} subtitle={t('admin.intro')} />
      <Sections />
    </RequireAccess>
  );
}
