import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { SessionUser } from '../../../shared/contracts/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useSession } from './session.ts';

/** Said when a signed-in user opens a page their roles do not cover. */
export function ForbiddenPanel() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forbidden.title'));
  return (
    <Paper p="lg" maw={640}>
      <Stack gap="sm">
        <Title order={2}>{t('auth.forbidden.title')}</Title>
        <Text>{t('auth.forbidden.text')}</Text>
        <Anchor component={Link} to="/">
          {t('notFound.home')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

type RequireAccessProps = {
  /** Whether the signed-in user may see the page; omitted = any signed-in user. */
  allow?: (user: SessionUser) => boolean;
  children: ReactNode;
};

/**
 * A page for signed-in users: anonymous visitors are sent to the sign-in page (and back here
 * afterwards), users without the role are told so. The server enforces the same rules.
 */
export function RequireAccess({ allow, children }: RequireAccessProps) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  const user = session.data.user;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/masuk?next=${encodeURIComponent(next)}`} replace />;
  }
  if (allow && !allow(user)) return <ForbiddenPanel />;
  return <>{children}</>;
}
