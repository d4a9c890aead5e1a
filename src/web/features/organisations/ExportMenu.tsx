import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DownloadIcon } from '../../components/icons.tsx';
import { type DirectoryFilters, exportUrl } from './api.ts';

/** Download the directory, with the filters on screen, as a spreadsheet (same columns as the import). */
export function ExportMenu({ filters }: { filters: DirectoryFilters }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<DownloadIcon />}>
          {t('organisations.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('organisations.export.hint')}</Menu.Label>
        <Menu.Item component="a" href={exportUrl('xlsx', filters)} download>
          {t('organisations.export.xlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl('csv', filters)} download>
          {t('organisations.export.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
