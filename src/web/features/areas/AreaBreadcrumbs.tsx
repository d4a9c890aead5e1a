import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AreaDetail } from '../../../shared/contracts/areas.ts';

/** "Nusa Tenggara Barat › Kabupaten Lombok Timur › Keruak › Pijot": each ancestor a link. */
export function AreaBreadcrumbs({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('areas.breadcrumb')}>
      <Breadcrumbs
        className="simpul-breadcrumbs"
        separator={<span aria-hidden="true">›</span>}
        separatorMargin={6}
      >
        {area.ancestors.map((ancestor) => (
          <Anchor key={ancestor.code} component={Link} to={`/wilayah/${ancestor.code}`} size="sm">
            {ancestor.name}
          </Anchor>
        ))}
        <Text span size="sm" fw={600} aria-current="page">
          {area.name}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
