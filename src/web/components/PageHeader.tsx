import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type Crumb = { label: string; to?: string };

type PageHeaderProps = {
  title: ReactNode;
  /** A line under the title (counts, a short explanation). */
  subtitle?: ReactNode;
  /** The trail from the module down; a crumb without `to` is the current page. */
  crumbs?: Crumb[];
  /** Buttons on the right; they wrap under the title on a phone. */
  actions?: ReactNode;
  badges?: ReactNode;
};

/** The top of a page: trail, title (the page's one h2), badges and actions. */
export function PageHeader({ title, subtitle, crumbs, actions, badges }: PageHeaderProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" mb="md">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label={t('common.breadcrumb')}>
          <Breadcrumbs
            className="simpul-breadcrumbs"
            separator={<span aria-hidden="true">›</span>}
            separatorMargin={6}
          >
            {crumbs.map((crumb) =>
              crumb.to ? (
                <Anchor key={crumb.label} component={Link} to={crumb.to} size="sm">
                  {crumb.label}
                </Anchor>
              ) : (
                <Text key={crumb.label} span size="sm" fw={600} aria-current="page">
                  {crumb.label}
                </Text>
              ),
            )}
          </Breadcrumbs>
        </nav>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {badges && <Group gap="xs">{badges}</Group>}
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
