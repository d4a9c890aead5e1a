import { ActionIcon, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { levelOfCode } from '../../../../shared/area-code.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { AreaMultiPicker } from '../../../components/AreaPicker.tsx';
import { TrashIcon } from '../../../components/icons.tsx';
import { CountInput } from '../../../components/NumberInputs.tsx';
import { ScrollTable } from '../../../components/ScrollTable.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { notify } from '../../../lib/notify.ts';
import { useLocale } from '../../../lib/useLocale.ts';
import { placeOfVillageHit, VillagePicker } from '../VillagePicker.tsx';
import { groupVillages, villageCounts } from '../village-groups.ts';
import type { ProgramFormApi as Form } from './form-api.ts';

/** Where the program works: its target villages, grouped by kabupaten and kecamatan, with their targets. */
export function WhereStep({ form }: { form: Form }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const values = form.getValues();
  const groups = groupVillages(values.villages.map((v, row) => ({ ...v, row })));
  const counts = villageCounts(values.villages);
  const addArea = (hit: Parameters<Parameters<typeof VillagePicker>[0]['onPick']>[0]) => {
    form.clearFieldError('villages');
    if (levelOfCode(hit.code) === 'village') {
      if (values.villages.some((v) => v.code === hit.code)) return;
      form.insertListItem('villages', {
        code: hit.code,
        name: hit.name,
        ...placeOfVillageHit(hit),
        targetHouseholds: '',
        targetPersons: '',
      });
    } else if (!values.wholeAreas.some((a) => a.code === hit.code)) {
      form.insertListItem('wholeAreas', { code: hit.code, name: hit.name });
      notify({ message: t('programs.form.movedToWholeAreas', { name: hit.name }) });
    }
  };
  return (
    <SectionCard gap="sm" title={t('programs.form.steps.where')} id="program-where">
      <Text size="sm" c="dimmed">
        {t('programs.form.whereIntro')}
      </Text>
      <VillagePicker
        label={t('programs.form.addVillage')}
        description={t('programs.form.addVillageHint')}
        placeholder={t('programs.form.searchVillage')}
        onPick={addArea}
        error={form.errors.villages}
      />
      <AreaMultiPicker
        label={t('programs.fields.wholeAreas')}
        description={t('programs.form.wholeAreasHint')}
        placeholder={t('programs.form.searchArea')}
        value={values.wholeAreas}
        onChange={(areas) => {
          form.clearFieldError('wholeAreas');
          // A village chosen here is simply one more target village.
          const villages = areas.filter((a) => levelOfCode(a.code) === 'village');
          for (const v of villages) {
            if (!values.villages.some((row) => row.code === v.code)) {
              form.insertListItem('villages', { ...v, targetHouseholds: '', targetPersons: '' });
            }
          }
          form.setFieldValue(
            'wholeAreas',
            areas.filter((a) => levelOfCode(a.code) !== 'village'),
          );
        }}
        error={form.errors.wholeAreas}
      />
      <Text size="sm" fw={600} role="status" data-testid="village-count">
        {t('programs.form.villageCount', {
          count: counts.villages,
          villages: formatNumber(counts.villages, locale),
          districts: formatNumber(counts.districts, locale),
          regencies: formatNumber(counts.regencies, locale),
        })}
        {values.wholeAreas.length > 0 &&
          ` ${t('programs.form.wholeAreaCount', { count: values.wholeAreas.length })}`}
      </Text>
      {groups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('programs.form.noVillages')}
        </Text>
      )}
      {groups.map((regency) => (
        <Paper key={regency.code} p="sm" bg="var(--mantine-color-gray-0)">
          <Stack gap="xs">
            <Title order={4} size="h5">
              {regency.name}{' '}
              <Text span size="xs" c="dimmed" fw={400}>
                {t('programs.detail.villagesIn', { count: regency.villageCount })}
              </Text>
            </Title>
            {regency.districts.map((district) => (
              <Stack key={district.code} gap={4}>
                <Text size="sm" fw={600}>
                  {t('programs.detail.district', { name: district.name })}
                </Text>
                {/* On a phone ScrollTable stacks each village as a card whose target fields are whole. */}
                <ScrollTable minWidth={480}>
                  <Table
                    verticalSpacing={4}
                    aria-label={t('programs.detail.district', { name: district.name })}
                  >
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('programs.fields.village')}</Table.Th>
                        <Table.Th w={160}>{t('programs.fields.targetHouseholds')}</Table.Th>
                        <Table.Th w={160}>{t('programs.fields.targetPersons')}</Table.Th>
                        <Table.Th w={48}>
                          <VisuallyHidden>{t('programs.form.remove')}</VisuallyHidden>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {district.villages.map((village) => (
                        <Table.Tr key={village.code}>
                          <Table.Td>
                            {/* One block, so a stacked card shows name, code and problem under each other. */}
                            <div>
                              <Text size="sm">{village.name}</Text>
                              <Text size="xs" c="dimmed">
                                {village.code}
                              </Text>
                              {form.errors[`villages.${village.row}`] && (
                                <Text size="xs" c="var(--mantine-color-error)">
                                  {form.errors[`villages.${village.row}`]}
                                </Text>
                              )}
                            </div>
                          </Table.Td>
                          {(
                            [
                              ['targetHouseholds', 'programs.form.villageTargetHouseholds'],
                              ['targetPersons', 'programs.form.villageTargetPersons'],
                            ] as const
                          ).map(([field, name]) => (
                            <Table.Td key={field}>
                              <CountInput
                                size="xs"
                                label={<VisuallyHidden>{t(name, { name: village.name })}</VisuallyHidden>}
                                {...form.getInputProps(`villages.${village.row}.${field}`)}
                              />
                            </Table.Td>
                          ))}
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              color="red.8"
                              aria-label={t('programs.form.removeVillage', { name: village.name })}
                              onClick={() => form.removeListItem('villages', village.row)}
                            >
                              <TrashIcon />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              </Stack>
            ))}
          </Stack>
        </Paper>
      ))}
    </SectionCard>
  );
}
