import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DownloadIcon } from '../../components/icons.tsx';
import { programExportUrl } from './api.ts';
import type { ProgramFilters } from './filter-params.ts';

/** Download the program list, with the filters on screen, as a spreadsheet. */
export function ProgramExportMenu({ filters }: { filters: ProgramFilters }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<DownloadIcon />}>
          {t('programs.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('programs.export.hint')}</Menu.Label>
        <Menu.Item component="a" href={programExportUrl('xlsx', filters)} download>
          {t('programs.export.xlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={programExportUrl('csv', filters)} download>
          {t('programs.export.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
