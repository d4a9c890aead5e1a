import { Grid, Group, MultiSelect, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '../../../../shared/contracts/limits.ts';
import { isProductive, type Modality } from '../../../../shared/programs.ts';
import { LimitedTextarea, LimitedTextInput } from '../../../components/LimitedText.tsx';
import { OrganisationPicker } from '../../../components/OrganisationPicker.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { useLocale } from '../../../lib/useLocale.ts';
import { programOwnerChoices } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.ts';
import { useIssues } from '../../organisations/api.ts';
import { issueName } from '../../organisations/labels.ts';
import { ProductiveBadge } from '../badges.tsx';
import { modalityOptions } from '../labels.ts';
import type { ProgramFormApi as Form } from './form-api.ts';

/** The live productive/consumptive hint under the modality. */
function ModalityHint({ modality }: { modality: Modality | '' }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" aria-live="polite" component="div" data-testid="modality-hint">
      {modality === '' ? (
        <Text span size="sm" c="dimmed">
          {t('programs.form.modalityHintEmpty')}
        </Text>
      ) : (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <ProductiveBadge productive={isProductive(modality)} />
          <Text span size="sm" c="dimmed">
            {isProductive(modality) ? t('programs.form.productiveHint') : t('programs.form.consumptiveHint')}
          </Text>
        </Group>
      )}
    </Text>
  );
}

/** Step 1: owner, title, description, issues, modality and the program's own key. */
export function BasicsStep({ form }: { form: Form }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  const user = useSession().data?.user ?? null;
  const ownerChoices = programOwnerChoices(user);
  const values = form.getValues();
  const issueOptions = (() => {
    const known = issues.data?.items ?? [];
    const options = known.map((i) => ({ value: i.code, label: issueName(known, i.code, locale) }));
    // An issue retired since it was chosen stays visible, so saving does not drop it silently.
    for (const code of values.issues) {
      if (!options.some((o) => o.value === code))
        options.push({ value: code, label: issueName(known, code, locale) });
    }
    return options;
  })();
  return (
    <SectionCard gap="sm" title={t('programs.form.steps.basics')} id="program-basics">
      <OrganisationPicker
        label={t('programs.fields.owner')}
        description={t('programs.form.ownerHint')}
        placeholder={t('programs.form.searchOrganisation')}
        required
        value={values.owner}
        onChange={(owner) => {
          form.setFieldValue('owner', owner);
          form.clearFieldError('owner');
        }}
        error={form.errors.owner}
        only={ownerChoices?.map((o) => o.id) ?? null}
      />
      <LimitedTextInput
        label={t('programs.fields.title')}
        required
        limit={TEXT_LIMITS.title}
        {...form.getInputProps('title')}
      />
      <LimitedTextarea
        label={t('programs.fields.description')}
        description={t('programs.form.descriptionHint')}
        autosize
        minRows={3}
        maxRows={12}
        limit={TEXT_LIMITS.description}
        {...form.getInputProps('description')}
      />
      <MultiSelect
        label={t('programs.fields.issues')}
        placeholder={values.issues.length ? undefined : t('programs.form.chooseIssues')}
        required
        data={issueOptions}
        searchable
        clearable
        nothingFoundMessage={t('common.noMatches')}
        maxValues={12}
        {...form.getInputProps('issues')}
      />
      <Grid gap="sm">
        <Grid.Col span={12}>
          <Select
            label={t('programs.fields.modality')}
            placeholder={t('programs.form.choose')}
            required
            data={modalityOptions(t)}
            {...form.getInputProps('modality')}
            value={values.modality || null}
            onChange={(value) => form.setFieldValue('modality', (value ?? '') as Modality | '')}
          />
        </Grid.Col>
      </Grid>
      <ModalityHint modality={values.modality} />
      <TextInput
        label={t('programs.fields.key')}
        description={t('programs.form.keyHint')}
        autoCapitalize="none"
        spellCheck={false}
        {...form.getInputProps('key')}
      />
    </SectionCard>
  );
}
