import { Radio, ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SheetPreview } from '../../../../shared/contracts/program-import.ts';
import { useLocale } from '../../../lib/useLocale.ts';
import { cellDisplay, columnLetter } from './resolutions.ts';

/** Characters of a cell shown in the grid; the full text is in the title attribute. */
const CELL_CHARS = 40;

/** The first rows of a sheet as Excel shows them, with a choice of the header row. */
export function SheetGrid({
  preview,
  headerRow,
  onHeaderRow,
}: {
  preview: SheetPreview;
  headerRow: number;
  onHeaderRow: (row: number) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns = Math.max(preview.columns, ...preview.grid.map((r) => r.cells.length), 1);
  return (
    <ScrollArea.Autosize mah={460} type="auto">
      <Table
        striped
        withTableBorder
        withColumnBorders
        verticalSpacing={4}
        horizontalSpacing={6}
        fz="xs"
        aria-label={t('programImport.sheet.gridLabel', { name: preview.name })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('programImport.sheet.header')}</Table.Th>
            <Table.Th w={48}>{t('programImport.sheet.row')}</Table.Th>
            {Array.from({ length: columns }, (_, index) => (
              <Table.Th key={columnLetter(index)}>{columnLetter(index)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.grid.map(({ row, cells }) => (
            <Table.Tr key={row} bg={row === headerRow ? 'var(--mantine-color-simpul-light)' : undefined}>
              <Table.Td>
                <Radio
                  size="xs"
                  checked={row === headerRow}
                  onChange={() => onHeaderRow(row)}
                  aria-label={t('programImport.sheet.useAsHeader', { row })}
                />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {row}
                </Text>
              </Table.Td>
              {Array.from({ length: columns }, (_, index) => {
                const text = cellDisplay(cells[index], locale);
                return (
                  <Table.Td
                    key={columnLetter(index)}
                    title={text.length > CELL_CHARS ? text : undefined}
                    fw={row === headerRow ? 700 : undefined}
                  >
                    {text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
