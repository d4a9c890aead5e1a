import { Grid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentLinksFieldset } from '../../../components/DocumentLinksFieldset.tsx';
import { CountInput } from '../../../components/NumberInputs.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import type { ProgramFormApi as Form } from './form-api.ts';

/** Step 5: targets and results in households and persons, and the document links. */
export function ResultsStep({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <SectionCard gap="sm" title={t('programs.form.steps.results')} id="program-results">
      <Grid gap="sm">
        {(['targetHouseholds', 'targetPersons', 'reachedHouseholds', 'reachedPersons'] as const).map(
          (field) => (
            <Grid.Col key={field} span={{ base: 12, xs: 6, md: 3 }}>
              <CountInput label={t(`programs.fields.${field}`)} {...form.getInputProps(field)} />
            </Grid.Col>
          ),
        )}
      </Grid>
      <Title order={4} size="h5" mt="xs">
        {t('programs.fields.documents')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('programs.form.documentsHint')}
      </Text>
      <DocumentLinksFieldset form={form} />
    </SectionCard>
  );
}
