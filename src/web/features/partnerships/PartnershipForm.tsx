import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TEXT_LIMITS } from '../../../shared/contracts/limits.ts';
import type { Partnership } from '../../../shared/contracts/partnerships.ts';
import {
  AGREEMENT_TYPES,
  type AgreementType,
  PARTY_ROLES,
  type PartyRole,
} from '../../../shared/programs.ts';
import { DateField } from '../../components/DateField.tsx';
import { DocumentLinksFieldset } from '../../components/DocumentLinksFieldset.tsx';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText.tsx';
import { CountInput, RupiahInput } from '../../components/NumberInputs.tsx';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { hasFieldProblems } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useCreatePartnership, useUpdatePartnership } from './api.ts';
import {
  createPartnershipBodyOf,
  EMPTY_PARTY,
  type PartnershipFormValues,
  partnershipServerProblems,
  updatePartnershipBodyOf,
  validatePartnershipValues,
} from './form-values.ts';
import { PartnershipPicker, ProgramMultiPicker } from './pickers.tsx';

const FORM = 'partnership';
const MAX_PARTIES = 50;

type PartnershipFormProps = { initialValues: PartnershipFormValues; partnership?: Partnership };

/** Record or edit a partnership: two or more parties with roles and commitments, its period and links. */
export function PartnershipForm({ initialValues, partnership }: PartnershipFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreatePartnership();
  const update = useUpdatePartnership(partnership?.id ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const [clientInvalid, setClientInvalid] = useState(false);
  const saving = create.isPending || update.isPending;
  const creating = !partnership;

  const form = useForm<PartnershipFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => formErrorsOf(FORM, validatePartnershipValues(values, partnership?.version)),
    onValuesChange: () => setClientInvalid(false),
  });
  const values = form.getValues();

  const saved = (result: Partnership) => {
    notify({
      title: creating ? t('partnerships.form.created') : t('partnerships.form.updated'),
      message: result.title,
    });
    void navigate(`/kemitraan/${result.id}`);
  };
  const failed = (error: unknown) => {
    const problems = partnershipServerProblems(error, values);
    if (hasFieldProblems(problems)) form.setErrors(formErrorsOf(FORM, problems));
    setProblem(error);
  };
  const submit = form.onSubmit(
    (submitted) => {
      setProblem(null);
      if (partnership) {
        update.mutate(updatePartnershipBodyOf(submitted, partnership.version), {
          onSuccess: saved,
          onError: failed,
        });
      } else {
        create.mutate(createPartnershipBodyOf(submitted), { onSuccess: saved, onError: failed });
      }
    },
    () => {
      setClientInvalid(true);
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('form[data-partnership-form] [aria-invalid="true"]')?.focus(),
      );
    },
  );
  const fieldProblemsFromServer =
    problem !== null && hasFieldProblems(partnershipServerProblems(problem, values));
  const conflict = problem instanceof ApiError && problem.code === 'VERSION_CONFLICT';
  const partiesError = form.errors.parties;

  return (
    <form
      onSubmit={submit}
      noValidate
      data-partnership-form
      aria-label={creating ? t('partnerships.form.createTitle') : t('partnerships.form.editTitle')}
    >
      <Stack gap="md" maw={1040}>
        {(clientInvalid || fieldProblemsFromServer) && (
          <Alert color="red" variant="light" role="alert" title={t('programs.form.invalidTitle')}>
            {t('programs.form.invalidText')}
          </Alert>
        )}
        {problem !== null && !fieldProblemsFromServer && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={conflict ? t('programs.form.conflictTitle') : t('programs.form.failedTitle')}
          >
            <Stack gap="xs">
              <Text size="sm">{conflict ? t('programs.form.conflictText') : errorMessage(problem)}</Text>
              {conflict && partnership && (
                <Anchor component={Link} to={`/kemitraan/${partnership.id}`} target="_blank" size="sm">
                  {t('programs.form.openLatest')}
                </Anchor>
              )}
            </Stack>
          </Alert>
        )}

        <SectionCard gap="sm" title={t('partnerships.form.agreement')} id="partnership-agreement">
          <LimitedTextInput
            label={t('partnerships.fields.title')}
            required
            limit={TEXT_LIMITS.title}
            {...form.getInputProps('title')}
          />
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('partnerships.fields.agreementType')}
                placeholder={t('programs.form.choose')}
                required
                data={AGREEMENT_TYPES.map((a) => ({
                  value: a,
                  label: t(`partnerships.agreementTypes.${a}`),
                }))}
                {...form.getInputProps('agreementType')}
                value={values.agreementType || null}
                onChange={(value) => form.setFieldValue('agreementType', (value ?? '') as AgreementType | '')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <LimitedTextInput
                label={t('partnerships.fields.agreementNumber')}
                limit={TEXT_LIMITS.agreementNumber}
                {...form.getInputProps('agreementNumber')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField label={t('partnerships.fields.signedOn')} {...form.getInputProps('signedOn')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField label={t('partnerships.fields.startsOn')} {...form.getInputProps('startsOn')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField
                label={t('partnerships.fields.endsOn')}
                description={t('partnerships.form.endsOnHint')}
                {...form.getInputProps('endsOn')}
              />
            </Grid.Col>
            {creating && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('programs.form.initialStatus')}
                  data={(['draft', 'signed', 'active'] as const).map((value) => ({
                    value,
                    label: t(`partnerships.statuses.${value}`),
                  }))}
                  allowDeselect={false}
                  {...form.getInputProps('status')}
                />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: creating ? 6 : 12 }}>
              <PartnershipPicker
                label={t('partnerships.fields.renews')}
                description={t('partnerships.form.renewsHint')}
                placeholder={t('partnerships.form.searchPartnership')}
                value={values.renews}
                onChange={(renews) => {
                  form.setFieldValue('renews', renews);
                  form.clearFieldError('renews');
                }}
                error={form.errors.renews}
                {...(partnership ? { exclude: partnership.id } : {})}
              />
            </Grid.Col>
          </Grid>
          <LimitedTextarea
            label={t('partnerships.fields.description')}
            autosize
            minRows={3}
            maxRows={12}
            limit={TEXT_LIMITS.description}
            {...form.getInputProps('description')}
          />
          <TextInput
            label={t('partnerships.fields.key')}
            description={t('programs.form.keyHint')}
            autoCapitalize="none"
            spellCheck={false}
            {...form.getInputProps('key')}
          />
        </SectionCard>

        <SectionCard gap="sm" title={t('partnerships.fields.parties')} id="partnership-parties">
          <Text size="sm" c="dimmed">
            {t('partnerships.form.partiesHint')}
          </Text>
          {partiesError && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert" data-testid="parties-error">
              {partiesError}
            </Text>
          )}
          {values.parties.map((party, row) => (
            <Paper
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by position
              key={row}
              p="sm"
              bg="var(--mantine-color-gray-0)"
              component="fieldset"
              aria-label={t('partnerships.form.partyRow', { n: row + 1 })}
              style={{ minWidth: 0, margin: 0 }}
            >
              <Grid gap="sm" align="flex-end">
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <OrganisationPicker
                    label={t('partnerships.fields.partyOrganisation')}
                    placeholder={t('programs.form.searchOrganisation')}
                    required
                    value={party.organisation}
                    onChange={(organisation) => {
                      form.setFieldValue(`parties.${row}.organisation`, organisation);
                      form.clearFieldError(`parties.${row}.organisation`);
                      form.clearFieldError('parties');
                    }}
                    error={form.errors[`parties.${row}.organisation`]}
                    exclude={values.parties.flatMap((p, i) =>
                      i !== row && p.organisation ? [p.organisation.id] : [],
                    )}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 10, md: 5 }}>
                  <Select
                    label={t('partnerships.fields.partyRole')}
                    placeholder={t('programs.form.choose')}
                    required
                    data={PARTY_ROLES.map((r) => ({ value: r, label: t(`partnerships.partyRoles.${r}`) }))}
                    {...form.getInputProps(`parties.${row}.role`)}
                    value={party.role || null}
                    onChange={(value) =>
                      form.setFieldValue(`parties.${row}.role`, (value ?? '') as PartyRole | '')
                    }
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 2, md: 1 }}>
                  <ActionIcon
                    variant="subtle"
                    color="red.8"
                    size="lg"
                    aria-label={t('partnerships.form.removeParty', { n: row + 1 })}
                    onClick={() => form.removeListItem('parties', row)}
                  >
                    <TrashIcon />
                  </ActionIcon>
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                  <RupiahInput
                    label={t('partnerships.fields.commitmentMoney')}
                    {...form.getInputProps(`parties.${row}.commitmentMoney`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                  <CountInput
                    label={t('partnerships.fields.commitmentMonths')}
                    {...form.getInputProps(`parties.${row}.commitmentMonths`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                  <LimitedTextInput
                    label={t('partnerships.fields.commitmentInKind')}
                    limit={TEXT_LIMITS.commitment}
                    {...form.getInputProps(`parties.${row}.commitmentInKind`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                  <LimitedTextInput
                    label={t('partnerships.fields.commitmentExpertise')}
                    limit={TEXT_LIMITS.commitment}
                    {...form.getInputProps(`parties.${row}.commitmentExpertise`)}
                  />
                </Grid.Col>
              </Grid>
            </Paper>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<PlusIcon />}
              disabled={values.parties.length >= MAX_PARTIES}
              onClick={() => form.insertListItem('parties', { ...EMPTY_PARTY })}
            >
              {t('partnerships.form.addParty')}
            </Button>
          </Group>
        </SectionCard>

        <SectionCard gap="sm" title={t('partnerships.form.links')} id="partnership-links">
          <ProgramMultiPicker
            label={t('partnerships.fields.programs')}
            description={t('partnerships.form.programsHint')}
            placeholder={t('partnerships.form.searchProgram')}
            value={values.programs}
            onChange={(programs) => {
              form.setFieldValue('programs', programs);
              form.clearFieldError('programs');
            }}
            error={form.errors.programs}
          />
          <Text size="sm" fw={600}>
            {t('programs.fields.documents')}
          </Text>
          <DocumentLinksFieldset form={form} />
        </SectionCard>

        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            component={Link}
            to={partnership ? `/kemitraan/${partnership.id}` : '/kemitraan'}
          >
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {creating ? t('partnerships.form.submitCreate') : t('programs.form.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
