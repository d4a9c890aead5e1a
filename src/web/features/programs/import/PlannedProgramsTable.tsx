import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlannedProgram } from '../../../../shared/contracts/program-import.ts';
import { formatDate, formatNumber, formatRupiah } from '../../../../shared/format.ts';
import { useLocale } from '../../../lib/useLocale.ts';
import { useIssues } from '../../organisations/api.ts';

/** Village names listed per program before "and N more". */
const VILLAGES_SHOWN = 6;

/** The programs the file will create or update, as a person would list them. */
export function PlannedProgramsTable({ programs }: { programs: PlannedProgram[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  const issueName = (code: string) => {
    const issue = issues.data?.items.find((i) => i.code === code);
    return issue ? (locale === 'id' ? issue.nameId : issue.nameEn) : code;
  };
  return (
    <Table.ScrollContainer minWidth={1200} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      <Table
        striped
        verticalSpacing={6}
        aria-label={t('programImport.preview.programsTitle', { count: programs.length })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('programImport.preview.columns.title')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.where')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.budget')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.realised')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.period')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.what')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.targets')}</Table.Th>
            <Table.Th>{t('programImport.preview.columns.notes')}</Table.Th>
            <Table.Th w={80}>{t('programImport.preview.columns.rows')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {programs.map((program) => {
            // With its kecamatan: many village names repeat across NTB.
            const names = program.villages.map((v) => (v.district ? `${v.name} (${v.district})` : v.name));
            return (
              <Table.Tr key={`${program.key}:${program.rows[0]}`}>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {program.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {program.owner?.name ?? t('programImport.preview.noOwner')}
                    </Text>
                    {program.owner?.isNew && (
                      <Badge size="xs" variant="filled" color="orange.9" tt="none">
                        {t('programImport.preview.newOrganisation')}
                      </Badge>
                    )}
                    {program.key && (
                      <Badge size="xs" variant="filled" color={program.exists ? 'blue.8' : 'teal.9'}>
                        {program.exists ? t('programImport.preview.exists') : t('programImport.preview.new')}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {names.slice(0, VILLAGES_SHOWN).join(', ')}
                    {names.length > VILLAGES_SHOWN &&
                      ` ${t('programImport.preview.villagesMore', { count: names.length - VILLAGES_SHOWN })}`}
                  </Text>
                  {program.wholeAreas.map((area) => (
                    <Text key={area.code} size="sm">
                      {t('programImport.preview.wholeArea', { name: area.name })}
                    </Text>
                  ))}
                  {program.villages[0] && (
                    <Text size="xs" c="dimmed">
                      {[...new Set(program.villages.map((v) => v.regency))].join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {program.budgetPlanned === null ? '—' : formatRupiah(program.budgetPlanned, locale)}
                  </Text>
                  {program.rows.length > 1 && (
                    <Text size="xs" c="dimmed">
                      {t(`programImport.preview.budgetRules.${program.budgetRule}`)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {program.budgetRealised === null ? '—' : formatRupiah(program.budgetRealised, locale)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {program.periodStart && program.periodEnd
                      ? `${formatDate(program.periodStart, locale)} – ${formatDate(program.periodEnd, locale)}`
                      : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {program.modality ? t(`programs.modalities.${program.modality}`) : '—'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {program.issues.map(issueName).join(', ')}
                  </Text>
                  {program.partners.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('programImport.preview.partners', {
                        names: program.partners
                          .map((p) =>
                            p.isNew ? `${p.name} (${t('programImport.preview.newOrganisation')})` : p.name,
                          )
                          .join(', '),
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {[
                      program.targetHouseholds === null
                        ? null
                        : `${formatNumber(program.targetHouseholds, locale)} ${t('programImport.fields.targetHouseholds')}`,
                      program.targetPersons === null
                        ? null
                        : `${formatNumber(program.targetPersons, locale)} ${t('programImport.fields.targetPersons')}`,
                    ]
                      .filter(Boolean)
                      .join('; ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" lineClamp={3}>
                    {program.description ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{program.rows.join(', ')}</Text>
                  {program.continuedRows.length > 0 && (
                    <Badge size="xs" variant="filled" color="grape.9" tt="none">
                      {t('programImport.preview.continued', { rows: program.continuedRows.join(', ') })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
