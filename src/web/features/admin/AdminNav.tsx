import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { SessionUser } from '../../../shared/contracts/accounts.ts';
import { canEditIssues, canManageUsers, canReadAudit } from '../auth/permissions.ts';
import { useCurrentUser } from '../auth/session.ts';

/** The Admin pages, each offered only to the roles that can use it. */
export const ADMIN_SECTIONS: ReadonlyArray<{
  key: string;
  path: string;
  allow: (user: SessionUser) => boolean;
}> = [
  { key: 'users', path: '/admin/pengguna', allow: canManageUsers },
  { key: 'issues', path: '/admin/isu', allow: canEditIssues },
  { key: 'audit', path: '/admin/audit', allow: canReadAudit },
];

/** Links between the Admin pages the user can use. */
export function AdminNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const sections = user ? ADMIN_SECTIONS.filter((s) => s.allow(user)) : [];
  if (sections.length < 2) return null;
  return (
    <Group component="nav" aria-label={t('admin.navLabel')} gap="xs" mb="sm">
      {sections.map((s) => {
        const current = pathname === s.path || pathname.startsWith(`${s.path}/`);
        return (
          <Button
            key={s.key}
            component={Link}
            to={s.path}
            size="xs"
            variant={current ? 'filled' : 'default'}
            aria-current={current ? 'page' : undefined}
          >
            {t(`admin.sections.${s.key}.title`)}
          </Button>
        );
      })}
    </Group>
  );
}
