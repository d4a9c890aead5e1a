import { Badge, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrganisationType, VerificationStatus } from '../../../shared/roles.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { useIssues } from './api.ts';
import { issueName, VERIFICATION_COLOURS } from './labels.ts';

/** Badges keep their whole label: in a table cell they would otherwise be cut to an ellipsis. */
const NO_SHRINK = { flexShrink: 0, minWidth: 'max-content' } as const;

export function TypeBadge({ type }: { type: OrganisationType }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="simpul.8" radius="sm" tt="none" style={NO_SHRINK}>
      {t(`organisations.types.${type}`)}
    </Badge>
  );
}

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={VERIFICATION_COLOURS[status]} variant="filled" autoContrast tt="none" style={NO_SHRINK}>
      {t(`organisations.verification.${status}`)}
    </Badge>
  );
}

/** Issue names in the reader's language; beyond `max`, a "+n" badge. */
export function IssueBadges({ codes, max = Number.POSITIVE_INFINITY }: { codes: string[]; max?: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  const shown = codes.slice(0, max);
  const hidden = codes.length - shown.length;
  return (
    <Group gap={4}>
      {shown.map((code) => (
        <Badge key={code} variant="default" size="sm" radius="sm" tt="none" fw={500}>
          {issueName(issues.data?.items, code, locale)}
        </Badge>
      ))}
      {hidden > 0 && (
        <Badge variant="default" size="sm" radius="sm" tt="none" fw={500}>
          <span aria-hidden="true">+{hidden}</span>
          <VisuallyHidden>{t('organisations.moreIssues', { count: hidden })}</VisuallyHidden>
        </Badge>
      )}
    </Group>
  );
}
