import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TEXT_LIMITS } from '../../../shared/contracts/limits.ts';
import type { Organisation } from '../../../shared/contracts/organisations.ts';
import { OFFER_KINDS, type OrganisationType } from '../../../shared/roles.ts';
import { AreaMultiPicker, AreaPicker } from '../../components/AreaPicker.tsx';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText.tsx';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { hasFieldProblems } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canVerifyOrganisation } from '../auth/permissions.ts';
import { useCurrentUser } from '../auth/session.ts';
import { useCreateOrganisation, useIssues, useSimilarOrganisations, useUpdateOrganisation } from './api.ts';
import {
  bodyOfValues,
  changesLegalFields,
  EMPTY_CONTACT,
  isLevelledType,
  type OrganisationFormValues,
  serverProblems,
  validateOrganisationValues,
} from './form-values.ts';
import { issueName, levelOptions, typeOptions } from './labels.ts';

const FORM = 'organisation';
const MAX_CONTACTS = 10;

type Similar = { id: string; name: string };

/** Names that resemble the one being typed: a hint before the server's own duplicate check. */
function SimilarNamesHint({ name, selfId }: { name: string; selfId?: string | undefined }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(name, 400);
  const similar = useSimilarOrganisations(debounced, true);
  const items = (similar.data?.items ?? []).filter((o) => o.id !== selfId);
  if (debounced.trim().length < 3 || items.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('organisations.form.similarTitle')}
      data-testid="similar-names"
    >
      <Stack gap={4}>
        <Text size="sm">{t('organisations.form.similarText')}</Text>
        <List size="sm">
          {items.map((o) => (
            <List.Item key={o.id}>
              <Anchor component={Link} to={`/mitra/${o.id}`} target="_blank" inherit>
                {o.legalName}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                ({o.areaName})
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

type OrganisationFormProps = {
  initialValues: OrganisationFormValues;
  /** The organisation being edited; absent when registering a new one. */
  organisation?: Organisation;
};

/** Register or edit an organisation. Validated in the browser with the server's own schema. */
export function OrganisationForm({ initialValues, organisation }: OrganisationFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const issues = useIssues();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation(organisation?.id ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<Similar[] | null>(null);
  const [clientInvalid, setClientInvalid] = useState(false);
  const saving = create.isPending || update.isPending;
  const user = useCurrentUser();

  const form = useForm<OrganisationFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => formErrorsOf(FORM, validateOrganisationValues(values)),
    onValuesChange: () => setClientInvalid(false),
  });
  const values = form.getValues();
  const levelled = isLevelledType(values.type);

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

  const saved = (org: Organisation) => {
    notify({
      title: organisation ? t('organisations.form.updated') : t('organisations.form.created'),
      message: org.legalName,
    });
    void navigate(`/mitra/${org.id}`);
  };

  const failed = (error: unknown, submitted: OrganisationFormValues) => {
    if (error instanceof ApiError && error.code === 'ORGANISATION_POSSIBLE_DUPLICATE') {
      setDuplicates(error.details.map((d) => ({ id: d.code ?? '', name: d.message })));
      return;
    }
    const problems = serverProblems(error, submitted);
    if (hasFieldProblems(problems)) form.setErrors(formErrorsOf(FORM, problems));
    setProblem(error);
  };

  const save = (submitted: OrganisationFormValues, confirmDuplicate = false) => {
    setProblem(null);
    setDuplicates(null);
    const { body } = bodyOfValues(submitted);
    if (organisation) {
      update.mutate(
        { ...body, version: organisation.version },
        { onSuccess: saved, onError: (e) => failed(e, submitted) },
      );
    } else {
      create.mutate(
        { ...body, confirmDuplicate },
        { onSuccess: saved, onError: (e) => failed(e, submitted) },
      );
    }
  };

  const submit = form.onSubmit(
    (submitted) => save(submitted),
    () => {
      setClientInvalid(true);
      // Take keyboard and screen-reader users to the first field that needs fixing.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
    },
  );

  // Warned before saving: the server returns a verified organisation to review when an editor who
  // may not verify it changes its legal fields (a coordinator's own edit is the review).
  const returnsToReview =
    organisation?.verificationStatus === 'verified' &&
    changesLegalFields(initialValues, values) &&
    !(
      user &&
      canVerifyOrganisation(user, organisation.areaCode) &&
      canVerifyOrganisation(user, values.areaCode?.code ?? organisation.areaCode)
    );
  const fieldProblemsFromServer = problem !== null && hasFieldProblems(serverProblems(problem, values));
  const conflict = problem instanceof ApiError && problem.code === 'VERSION_CONFLICT';

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={organisation ? t('organisations.form.editTitle') : t('organisations.form.createTitle')}
    >
      <Stack gap="md" maw={960}>
        {(clientInvalid || fieldProblemsFromServer) && (
          <Alert color="red" variant="light" role="alert" title={t('organisations.form.invalidTitle')}>
            {t('organisations.form.invalidText')}
          </Alert>
        )}
        {problem !== null && !fieldProblemsFromServer && (
          <Alert color="red" variant="light" role="alert" title={t('organisations.form.failedTitle')}>
            <Stack gap="xs">
              <Text size="sm">{errorMessage(problem)}</Text>
              {conflict && organisation && (
                <Group>
                  <Button
                    size="xs"
                    variant="white"
                    color="red"
                    component={Link}
                    to={`/mitra/${organisation.id}`}
                    target="_blank"
                  >
                    {t('organisations.form.openLatest')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}

        <SectionCard gap="sm" title={t('organisations.form.identity')} id="form-identity">
          <LimitedTextInput
            label={t('organisations.fields.legalName')}
            description={t('organisations.form.legalNameHint')}
            required
            limit={TEXT_LIMITS.legalName}
            {...form.getInputProps('legalName')}
          />
          <SimilarNamesHint
            name={values.legalName !== initialValues.legalName ? values.legalName : ''}
            selfId={organisation?.id}
          />
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <LimitedTextInput
                label={t('organisations.fields.shortName')}
                description={t('organisations.form.shortNameHint')}
                limit={TEXT_LIMITS.shortName}
                {...form.getInputProps('shortName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('organisations.fields.type')}
                placeholder={t('organisations.form.choose')}
                required
                data={typeOptions(t)}
                {...form.getInputProps('type')}
                value={values.type || null}
                onChange={(value) => {
                  form.setFieldValue('type', (value ?? '') as OrganisationType | '');
                  if (!isLevelledType(value ?? '')) form.setFieldValue('level', '');
                }}
              />
            </Grid.Col>
            {levelled && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('organisations.fields.level')}
                  description={t('organisations.form.levelHint')}
                  placeholder={t('organisations.form.choose')}
                  required
                  data={levelOptions(t)}
                  {...form.getInputProps('level')}
                  value={values.level || null}
                  onChange={(value) =>
                    form.setFieldValue('level', (value ?? '') as OrganisationFormValues['level'])
                  }
                />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: levelled ? 6 : 12 }}>
              <OrganisationPicker
                label={t('organisations.fields.parentId')}
                description={t('organisations.form.parentHint')}
                placeholder={t('organisations.form.searchOrganisation')}
                value={values.parentId}
                onChange={(value) => form.setFieldValue('parentId', value)}
                error={form.errors.parentId}
                exclude={organisation ? [organisation.id] : []}
              />
            </Grid.Col>
          </Grid>
        </SectionCard>

        <SectionCard gap="sm" title={t('organisations.form.seat')} id="form-seat">
          <AreaPicker
            label={t('organisations.fields.areaCode')}
            description={t('organisations.form.areaHint')}
            placeholder={t('organisations.form.searchArea')}
            required
            value={values.areaCode}
            onChange={(area) => {
              form.setFieldValue('areaCode', area);
              form.clearFieldError('areaCode');
            }}
            error={form.errors.areaCode}
          />
          <LimitedTextarea
            label={t('organisations.fields.address')}
            autosize
            minRows={2}
            limit={TEXT_LIMITS.address}
            {...form.getInputProps('address')}
          />
          <LimitedTextInput
            limit={TEXT_LIMITS.website}
            label={t('organisations.fields.website')}
            description={t('organisations.form.websiteHint')}
            type="url"
            inputMode="url"
            placeholder="https://"
            {...form.getInputProps('website')}
          />
        </SectionCard>

        <SectionCard gap="sm" title={t('organisations.form.work')} id="form-work">
          <MultiSelect
            label={t('organisations.fields.issues')}
            placeholder={values.issues.length ? undefined : t('organisations.form.chooseIssues')}
            data={issueOptions}
            searchable
            clearable
            nothingFoundMessage={t('common.noMatches')}
            maxValues={20}
            {...form.getInputProps('issues')}
          />
          <AreaMultiPicker
            label={t('organisations.fields.coverageAreas')}
            description={t('organisations.form.coverageHint')}
            placeholder={t('organisations.form.searchArea')}
            value={values.coverageAreas}
            onChange={(areas) => {
              form.setFieldValue('coverageAreas', areas);
              form.clearFieldError('coverageAreas');
            }}
            error={form.errors.coverageAreas}
          />
          <Checkbox.Group
            label={t('organisations.fields.offers')}
            description={t('organisations.form.offersHint')}
            {...form.getInputProps('offers')}
          >
            <Group gap="md" mt={6}>
              {OFFER_KINDS.map((offer) => (
                <Checkbox key={offer} value={offer} label={t(`organisations.offers.${offer}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <LimitedTextarea
            label={t('organisations.fields.description')}
            description={t('organisations.form.descriptionHint')}
            autosize
            minRows={3}
            maxRows={12}
            limit={TEXT_LIMITS.description}
            {...form.getInputProps('description')}
          />
        </SectionCard>

        <SectionCard gap="sm" title={t('organisations.fields.contacts')} id="form-contacts">
          <Text size="sm" c="dimmed">
            {t('organisations.form.contactsHint')}
          </Text>
          {values.contacts.map((_, row) => (
            <Paper
              // Rows are edited in place and removed by position; there is no other identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={row}
              p="sm"
              bg="var(--mantine-color-gray-0)"
              component="fieldset"
              aria-label={t('organisations.form.contactRow', { n: row + 1 })}
              style={{ minWidth: 0, margin: 0 }}
            >
              <Grid gap="sm" align="flex-end">
                <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                  <LimitedTextInput
                    limit={TEXT_LIMITS.personName}
                    label={t('organisations.fields.contactName')}
                    required
                    {...form.getInputProps(`contacts.${row}.name`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                  <LimitedTextInput
                    limit={TEXT_LIMITS.position}
                    label={t('organisations.fields.contactPosition')}
                    {...form.getInputProps(`contacts.${row}.position`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                  <TextInput
                    label={t('organisations.fields.contactPhone')}
                    type="tel"
                    inputMode="tel"
                    {...form.getInputProps(`contacts.${row}.phone`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 10, sm: 5, lg: 2 }}>
                  <LimitedTextInput
                    limit={TEXT_LIMITS.email}
                    label={t('organisations.fields.contactEmail')}
                    type="email"
                    inputMode="email"
                    {...form.getInputProps(`contacts.${row}.email`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 2, sm: 1 }}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={4}
                    aria-label={t('organisations.form.removeContact', { n: row + 1 })}
                    onClick={() => form.removeListItem('contacts', row)}
                  >
                    <TrashIcon />
                  </ActionIcon>
                </Grid.Col>
              </Grid>
            </Paper>
          ))}
          {form.errors.contacts && (
            <Text size="sm" c="red.8">
              {form.errors.contacts}
            </Text>
          )}
          <Group>
            <Button
              variant="default"
              leftSection={<PlusIcon />}
              disabled={values.contacts.length >= MAX_CONTACTS}
              onClick={() => form.insertListItem('contacts', { ...EMPTY_CONTACT })}
            >
              {t('organisations.form.addContact')}
            </Button>
          </Group>
        </SectionCard>

        {duplicates && (
          <Alert color="yellow" variant="light" role="alert" title={t('organisations.form.duplicateTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('organisations.form.duplicateText')}</Text>
              <List size="sm">
                {duplicates.map((d) => (
                  <List.Item key={d.id}>
                    <Anchor component={Link} to={`/mitra/${d.id}`} target="_blank" inherit>
                      {d.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
              <Group>
                <Button color="yellow.8" onClick={() => save(form.getValues(), true)} loading={saving}>
                  {t('organisations.form.createAnyway')}
                </Button>
                <Button variant="subtle" onClick={() => setDuplicates(null)}>
                  {t('organisations.form.reviewFirst')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}

        {returnsToReview && (
          <Alert
            color="yellow"
            variant="light"
            role="status"
            title={t('organisations.form.reviewAgainTitle')}
          >
            <Text size="sm">{t('organisations.form.reviewAgainText')}</Text>
          </Alert>
        )}

        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            component={Link}
            to={organisation ? `/mitra/${organisation.id}` : '/mitra'}
          >
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {organisation ? t('organisations.form.saveChanges') : t('organisations.form.submitCreate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
