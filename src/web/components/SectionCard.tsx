import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card that is also a landmark section (named by its heading), used by profiles and forms. */
export function SectionCard({
  title,
  children,
  id,
  gap = 'xs',
}: {
  title: string;
  children: ReactNode;
  id: string;
  gap?: 'xs' | 'sm';
}) {
  return (
    <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Stack gap={gap}>
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
