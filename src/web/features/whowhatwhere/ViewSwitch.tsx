import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProgramFilters } from '../programs/filter-params.ts';
import { paramsOfProgramFilters } from '../programs/filter-params.ts';

/** Map ⇄ dashboard, carrying the filters along. */
export function ViewSwitch({ current, filters }: { current: 'map' | 'dashboard'; filters: ProgramFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = paramsOfProgramFilters(filters).toString();
  return (
    <SegmentedControl
      aria-label={t('whoWhatWhere.views')}
      value={current}
      onChange={(value) =>
        void navigate(`${value === 'map' ? '/peta' : '/dasbor'}${query ? `?${query}` : ''}`)
      }
      data={[
        { value: 'map', label: t('nav.map') },
        { value: 'dashboard', label: t('nav.dashboard') },
      ]}
    />
  );
}
