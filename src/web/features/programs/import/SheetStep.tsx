import { Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SheetPreview, UploadedWorkbook } from '../../../../shared/contracts/program-import.ts';
import { SheetGrid } from './SheetGrid.tsx';

/** Step 2: which sheet, and which row holds the column headers. */
export function SheetStep({
  workbook,
  sheet,
  preview,
  headerRow,
  onSheet,
  onHeaderRow,
}: {
  workbook: UploadedWorkbook;
  sheet: string;
  preview: SheetPreview | undefined;
  headerRow: number;
  onSheet: (name: string) => void;
  onHeaderRow: (row: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('programImport.sheet.text')}</Text>
      <Group align="flex-end">
        <Select
          label={t('programImport.sheet.sheet')}
          data={workbook.sheets.map((s) => ({
            value: s.name,
            label: t('programImport.sheet.sheetOption', { name: s.name, count: s.rows }),
          }))}
          value={sheet}
          onChange={(value) => value && onSheet(value)}
          allowDeselect={false}
          w={320}
        />
        <NumberInput
          label={t('programImport.sheet.headerRow')}
          min={1}
          max={Math.max(preview?.rows ?? 1, 1)}
          value={headerRow}
          onChange={(value) => typeof value === 'number' && value >= 1 && onHeaderRow(value)}
          w={160}
        />
      </Group>
      {preview && (
        <Text size="sm" c="dimmed">
          {preview.guess.headerRow === null
            ? t('programImport.sheet.noGuess')
            : t('programImport.sheet.guessed', { row: preview.guess.headerRow })}
        </Text>
      )}
      {preview && <SheetGrid preview={preview} headerRow={headerRow} onHeaderRow={onHeaderRow} />}
    </Stack>
  );
}
