import { Grid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PROGRAM_YEAR_MAX, PROGRAM_YEAR_MIN } from '../../../../shared/programs.ts';
import { DateField } from '../../../components/DateField.tsx';
import { RupiahInput } from '../../../components/NumberInputs.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import type { ProgramFormApi as Form } from './form-api.ts';

/** Step 4: the period and the planned and realised budget. */
export function MoneyStep({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <SectionCard gap="sm" title={t('programs.form.steps.money')} id="program-money">
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <DateField
            label={t('programs.fields.periodStart')}
            required
            minDate={`${PROGRAM_YEAR_MIN}-01-01`}
            maxDate={`${PROGRAM_YEAR_MAX}-12-31`}
            {...form.getInputProps('periodStart')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <DateField
            label={t('programs.fields.periodEnd')}
            required
            minDate={`${PROGRAM_YEAR_MIN}-01-01`}
            maxDate={`${PROGRAM_YEAR_MAX}-12-31`}
            {...form.getInputProps('periodEnd')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <RupiahInput
            label={t('programs.fields.budgetPlanned')}
            description={t('programs.form.budgetPlannedHint')}
            {...form.getInputProps('budgetPlanned')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <RupiahInput
            label={t('programs.fields.budgetRealised')}
            description={t('programs.form.budgetRealisedHint')}
            {...form.getInputProps('budgetRealised')}
          />
        </Grid.Col>
      </Grid>
    </SectionCard>
  );
}
