import { ActionIcon, Button, Grid, Group, Paper, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '../../../../shared/contracts/limits.ts';
import type { PartnerRole } from '../../../../shared/programs.ts';
import { PlusIcon, TrashIcon } from '../../../components/icons.tsx';
import { LimitedTextInput } from '../../../components/LimitedText.tsx';
import { RupiahInput } from '../../../components/NumberInputs.tsx';
import { OrganisationPicker } from '../../../components/OrganisationPicker.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { EMPTY_PARTNER } from '../form-values.ts';
import { partnerRoleOptions } from '../labels.ts';
import type { ProgramFormApi as Form } from './form-api.ts';

const MAX_PARTNERS = 50;

/** Step 3: partner organisations with their roles and contributions. */
export function WhoStep({ form, ownerId }: { form: Form; ownerId: string | undefined }) {
  const { t } = useTranslation();
  const values = form.getValues();
  return (
    <SectionCard gap="sm" title={t('programs.form.steps.who')} id="program-who">
      <Text size="sm" c="dimmed">
        {t('programs.form.partnersHint')}
      </Text>
      {/* A problem with the list as a whole (too many partners) rather than with one row. */}
      {form.errors.partners && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {form.errors.partners}
        </Text>
      )}
      {values.partners.map((partner, row) => (
        <Paper
          // Rows are edited in place and removed by position; there is no other identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={row}
          p="sm"
          bg="var(--mantine-color-gray-0)"
          component="fieldset"
          aria-label={t('programs.form.partnerRow', { n: row + 1 })}
          style={{ minWidth: 0, margin: 0 }}
        >
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <OrganisationPicker
                label={t('programs.fields.partnerOrganisation')}
                placeholder={t('programs.form.searchOrganisation')}
                required
                value={partner.organisation}
                onChange={(organisation) => {
                  form.setFieldValue(`partners.${row}.organisation`, organisation);
                  form.clearFieldError(`partners.${row}.organisation`);
                }}
                error={form.errors[`partners.${row}.organisation`]}
                exclude={[
                  ...(ownerId ? [ownerId] : []),
                  ...values.partners.flatMap((p, i) =>
                    i !== row && p.organisation ? [p.organisation.id] : [],
                  ),
                ]}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Select
                label={t('programs.fields.partnerRole')}
                placeholder={t('programs.form.choose')}
                required
                data={partnerRoleOptions(t)}
                {...form.getInputProps(`partners.${row}.role`)}
                value={partner.role || null}
                onChange={(value) =>
                  form.setFieldValue(`partners.${row}.role`, (value ?? '') as PartnerRole | '')
                }
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <RupiahInput
                label={t('programs.fields.contributionMoney')}
                {...form.getInputProps(`partners.${row}.contributionMoney`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 10, md: 6 }}>
              <LimitedTextInput
                label={t('programs.fields.contributionInKind')}
                placeholder={t('programs.form.inKindPlaceholder')}
                limit={TEXT_LIMITS.commitment}
                {...form.getInputProps(`partners.${row}.contributionInKind`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 2, md: 1 }}>
              <ActionIcon
                variant="subtle"
                color="red.8"
                size="lg"
                aria-label={t('programs.form.removePartner', { n: row + 1 })}
                onClick={() => form.removeListItem('partners', row)}
              >
                <TrashIcon />
              </ActionIcon>
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      {values.partners.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('programs.form.noPartners')}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          leftSection={<PlusIcon />}
          disabled={values.partners.length >= MAX_PARTNERS}
          onClick={() => form.insertListItem('partners', { ...EMPTY_PARTNER })}
        >
          {t('programs.form.addPartner')}
        </Button>
      </Group>
    </SectionCard>
  );
}
