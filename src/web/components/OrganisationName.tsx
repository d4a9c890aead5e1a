import { Anchor, type AnchorProps, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrganisationRef } from '../../shared/contracts/programs.ts';

/**
 * An organisation's name as text. The server withholds unverified organisations' names and ids
 * from visitors (docs/access.md): those read "an unverified partner".
 */
export function organisationLabel(org: Pick<OrganisationRef, 'name'>, t: TFunction): string {
  return org.name ?? t('organisations.unverifiedPartner');
}

/** An organisation's name linking to its page; a withheld one is plain text without link. */
export function OrganisationName({
  org,
  ...anchor
}: { org: Pick<OrganisationRef, 'id' | 'name'> } & AnchorProps) {
  const { t } = useTranslation();
  if (org.id === null || org.name === null) {
    return (
      <Text span fs="italic" size={anchor.size} inherit={anchor.inherit}>
        {organisationLabel(org, t)}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/mitra/${org.id}`} {...anchor}>
      {org.name}
    </Anchor>
  );
}
