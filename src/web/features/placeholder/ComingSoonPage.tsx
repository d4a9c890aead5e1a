import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

/** Page for a module that is planned but not built yet: says so, and what it will do. */
export function ComingSoonPage({ moduleKey }: { moduleKey: string }) {
  const { t } = useTranslation();
  const name = t(`nav.${moduleKey}`);
  useDocumentTitle(name);
  return (
    <Stack maw={760} gap="md">
      <Group gap="sm">
        <Title order={2}>{name}</Title>
        <Badge variant="light" color="gray">
          {t('nav.soon')}
        </Badge>
      </Group>
      <Paper p="lg">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('comingSoon.title')}
          </Title>
          <Text>{t(`comingSoon.${moduleKey}`)}</Text>
          <Text size="sm" c="dimmed">
            {t('comingSoon.meanwhile')}{' '}
            <Anchor component={Link} to="/wilayah" underline="always">
              {t('comingSoon.toAreas')}
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
