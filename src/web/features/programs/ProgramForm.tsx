import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  List,
  MultiSelect,
  Paper,
  Radio,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { levelOfCode } from '../../../shared/area-code.ts';
import { TEXT_LIMITS } from '../../../shared/contracts/limits.ts';
import type { Program } from '../../../shared/contracts/programs.ts';
import { formatNumber, formatRupiah } from '../../../shared/format.ts';
import {
  isProductive,
  type Modality,
  type PartnerRole,
  PROGRAM_YEAR_MAX,
  PROGRAM_YEAR_MIN,
} from '../../../shared/programs.ts';
import { AreaMultiPicker } from '../../components/AreaPicker.tsx';
import { DateField } from '../../components/DateField.tsx';
import { DocumentLinksFieldset } from '../../components/DocumentLinksFieldset.tsx';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText.tsx';
import { CountInput, RupiahInput } from '../../components/NumberInputs.tsx';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { type FieldProblems, hasFieldProblems } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { programOwnerChoices } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { useIssues } from '../organisations/api.ts';
import { issueName } from '../organisations/labels.ts';
import { useCreateProgram, useUpdateProgram } from './api.ts';
import { ProductiveBadge } from './badges.tsx';
import {
  createBodyOf,
  EMPTY_PARTNER,
  firstStepWithProblem,
  numberOrNull,
  PROGRAM_STEPS,
  type ProgramFormValues,
  type ProgramStep,
  problemsOfStep,
  serverProblems,
  updateBodyOf,
  validateProgramValues,
} from './form-values.ts';
import { formatPeriod } from './format.ts';
import { modalityOptions, partnerRoleOptions } from './labels.ts';
import { placeOfVillageHit, VillagePicker } from './VillagePicker.tsx';
import { groupVillages, villageCounts } from './village-groups.ts';

const FORM = 'program';
const MAX_PARTNERS = 50;

type Form = ReturnType<typeof useForm<ProgramFormValues>>;

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

function BasicsStep({ form }: { form: Form }) {
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

function WhereStep({ form, isPhone }: { form: Form; isPhone: boolean }) {
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
                {isPhone ? (
                  // A phone cannot show the three columns whole: one card per village instead.
                  <Stack
                    gap="xs"
                    role="list"
                    aria-label={t('programs.detail.district', { name: district.name })}
                  >
                    {district.villages.map((village) => (
                      <Paper key={village.code} role="listitem" p="xs" withBorder>
                        <Group justify="space-between" wrap="nowrap" align="flex-start">
                          <div>
                            <Text size="sm">{village.name}</Text>
                            <Text size="xs" c="dimmed">
                              {village.code}
                            </Text>
                          </div>
                          <ActionIcon
                            variant="subtle"
                            color="red.8"
                            aria-label={t('programs.form.removeVillage', { name: village.name })}
                            onClick={() => form.removeListItem('villages', village.row)}
                          >
                            <TrashIcon />
                          </ActionIcon>
                        </Group>
                        {form.errors[`villages.${village.row}`] && (
                          <Text size="xs" c="var(--mantine-color-error)">
                            {form.errors[`villages.${village.row}`]}
                          </Text>
                        )}
                        <Grid gap="xs" mt={4}>
                          <Grid.Col span={6}>
                            <CountInput
                              size="xs"
                              label={t('programs.fields.targetHouseholds')}
                              aria-label={t('programs.form.villageTargetHouseholds', { name: village.name })}
                              {...form.getInputProps(`villages.${village.row}.targetHouseholds`)}
                            />
                          </Grid.Col>
                          <Grid.Col span={6}>
                            <CountInput
                              size="xs"
                              label={t('programs.fields.targetPersons')}
                              aria-label={t('programs.form.villageTargetPersons', { name: village.name })}
                              {...form.getInputProps(`villages.${village.row}.targetPersons`)}
                            />
                          </Grid.Col>
                        </Grid>
                      </Paper>
                    ))}
                  </Stack>
                ) : (
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
                              <Text size="sm">{village.name}</Text>
                              <Text size="xs" c="dimmed">
                                {village.code}
                              </Text>
                              {form.errors[`villages.${village.row}`] && (
                                <Text size="xs" c="var(--mantine-color-error)">
                                  {form.errors[`villages.${village.row}`]}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>
                              <CountInput
                                size="xs"
                                label={
                                  <VisuallyHidden>
                                    {t('programs.form.villageTargetHouseholds', { name: village.name })}
                                  </VisuallyHidden>
                                }
                                {...form.getInputProps(`villages.${village.row}.targetHouseholds`)}
                              />
                            </Table.Td>
                            <Table.Td>
                              <CountInput
                                size="xs"
                                label={
                                  <VisuallyHidden>
                                    {t('programs.form.villageTargetPersons', { name: village.name })}
                                  </VisuallyHidden>
                                }
                                {...form.getInputProps(`villages.${village.row}.targetPersons`)}
                              />
                            </Table.Td>
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
                )}
              </Stack>
            ))}
          </Stack>
        </Paper>
      ))}
    </SectionCard>
  );
}

function WhoStep({ form, ownerId }: { form: Form; ownerId: string | undefined }) {
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

function MoneyStep({ form }: { form: Form }) {
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

function ResultsStep({ form }: { form: Form }) {
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

/** The villages chosen, grouped as people read them: kabupaten/kota, then kecamatan, then desa. */
function ReviewVillages({ villages }: { villages: ProgramFormValues['villages'] }) {
  const { t } = useTranslation();
  const groups = groupVillages(villages);
  if (groups.length === 0) return null;
  return (
    <Stack gap={4} mt={4} data-testid="review-villages">
      {groups.map((regency) => (
        <div key={regency.code}>
          <Text size="sm" fw={600}>
            {regency.name}
          </Text>
          <List size="sm" withPadding>
            {regency.districts.map((district) => (
              <List.Item key={district.code}>
                {t('programs.form.reviewDistrict', {
                  district: district.name,
                  villages: district.villages.map((v) => v.name).join(', '),
                })}
              </List.Item>
            ))}
          </List>
        </div>
      ))}
    </Stack>
  );
}

const INITIAL_STATUSES = ['draft', 'planned', 'active'] as const;

/**
 * The status a new program starts with, as a visible choice with what each means for the map:
 * a draft is seen by its own organisation only and never counts on the map or dashboard.
 */
function StatusChoice({ form }: { form: Form }) {
  const { t } = useTranslation();
  const status = form.getValues().status;
  return (
    <Radio.Group
      label={t('programs.form.initialStatus')}
      description={t('programs.form.initialStatusHint')}
      value={status}
      onChange={(value) => form.setFieldValue('status', value as (typeof INITIAL_STATUSES)[number])}
      data-testid="status-choice"
    >
      <Stack gap="xs" mt="xs">
        {INITIAL_STATUSES.map((value) => (
          <Radio.Card key={value} value={value} p="sm" radius="md" withBorder>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator />
              <div>
                <Text size="sm" fw={600}>
                  {t(`programs.statuses.${value}`)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(`programs.form.statusMeaning.${value}`)}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
      {status === 'draft' && (
        <Alert color="yellow" variant="light" mt="xs" data-testid="draft-warning">
          {t('programs.form.draftWarning')}
        </Alert>
      )}
    </Radio.Group>
  );
}

function ReviewStep({ form, creating }: { form: Form; creating: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  const values = form.getValues();
  const counts = villageCounts(values.villages);
  const money = (value: ProgramFormValues['budgetPlanned']) => {
    const n = numberOrNull(value);
    return n === null || Number.isNaN(n) ? '—' : formatRupiah(n, locale);
  };
  const count = (value: ProgramFormValues['targetHouseholds']) => {
    const n = numberOrNull(value);
    return n === null || Number.isNaN(n) ? '—' : formatNumber(n, locale);
  };
  const partners = values.partners.filter((p) => p.organisation);
  return (
    <SectionCard gap="sm" title={t('programs.form.steps.review')} id="program-review">
      <Text size="sm" c="dimmed">
        {t('programs.form.reviewIntro')}
      </Text>
      <dl className="simpul-facts" data-testid="program-review">
        <dt>{t('programs.fields.owner')}</dt>
        <dd>{values.owner?.legalName ?? '—'}</dd>
        <dt>{t('programs.fields.title')}</dt>
        <dd>{values.title || '—'}</dd>
        <dt>{t('programs.fields.issues')}</dt>
        <dd>{values.issues.map((c) => issueName(issues.data?.items, c, locale)).join(', ') || '—'}</dd>
        <dt>{t('programs.fields.modality')}</dt>
        <dd>
          {values.modality ? (
            <Group gap="xs">
              {t(`programs.modalities.${values.modality}`)}
              <ProductiveBadge productive={isProductive(values.modality)} />
            </Group>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('programs.fields.villages')}</dt>
        <dd>
          {t('programs.form.villageCount', {
            count: counts.villages,
            villages: formatNumber(counts.villages, locale),
            districts: formatNumber(counts.districts, locale),
            regencies: formatNumber(counts.regencies, locale),
          })}
          {values.wholeAreas.length > 0 &&
            ` ${t('programs.form.wholeAreasNamed', { names: values.wholeAreas.map((a) => a.name).join(', ') })}`}
          <ReviewVillages villages={values.villages} />
        </dd>
        <dt>{t('programs.fields.partners')}</dt>
        <dd>
          {partners.length > 0 ? (
            <List size="sm">
              {partners.map((p) => (
                <List.Item key={p.organisation?.id}>
                  {p.organisation?.legalName}
                  {p.role ? ` · ${t(`programs.partnerRoles.${p.role}`)}` : ''}
                </List.Item>
              ))}
            </List>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('programs.fields.period')}</dt>
        <dd>
          {values.periodStart && values.periodEnd
            ? formatPeriod(values.periodStart, values.periodEnd, locale)
            : '—'}
        </dd>
        <dt>{t('programs.fields.budgetPlanned')}</dt>
        <dd>
          {numberOrNull(values.budgetPlanned) === null
            ? t('programs.budgetUnknown')
            : money(values.budgetPlanned)}
        </dd>
        <dt>{t('programs.fields.budgetRealised')}</dt>
        <dd>{money(values.budgetRealised)}</dd>
        <dt>{t('programs.fields.targetHouseholds')}</dt>
        <dd>{count(values.targetHouseholds)}</dd>
        <dt>{t('programs.fields.reachedHouseholds')}</dt>
        <dd>{count(values.reachedHouseholds)}</dd>
        <dt>{t('programs.fields.documents')}</dt>
        <dd>{formatNumber(values.documents.filter((d) => d.url.trim()).length, locale)}</dd>
      </dl>
      {creating && <StatusChoice form={form} />}
    </SectionCard>
  );
}

type ProgramFormProps = {
  initialValues: ProgramFormValues;
  /** The program being edited; absent when recording a new one. */
  program?: Program;
};

/**
 * Record or edit a program in steps. Each step is checked with the server's own schema before
 * the next opens; the server's answer to saving is mapped back onto the step and field it concerns.
 */
export function ProgramForm({ initialValues, program }: ProgramFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const theme = useMantineTheme();
  const isPhone =
    useMediaQuery(`(max-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false }) ??
    false;
  const create = useCreateProgram();
  const update = useUpdateProgram(program?.id ?? '');
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [stepInvalid, setStepInvalid] = useState(false);
  const saving = create.isPending || update.isPending;
  const creating = !program;

  const form = useForm<ProgramFormValues>({
    mode: 'controlled',
    initialValues,
    onValuesChange: () => setStepInvalid(false),
  });
  const values = form.getValues();
  const step: ProgramStep = PROGRAM_STEPS[active] ?? 'basics';

  const focusFirstInvalid = () =>
    // Take keyboard and screen-reader users to the first field that needs fixing.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('form[data-program-form] [aria-invalid="true"]')?.focus(),
    );

  const showProblems = (problems: FieldProblems) => {
    form.setErrors(formErrorsOf(FORM, problems));
    setStepInvalid(true);
    focusFirstInvalid();
  };

  const goTo = (index: number) => {
    setActive(index);
    window.scrollTo({ top: 0 });
  };

  const next = () => {
    const problems = problemsOfStep(validateProgramValues(values, program), step);
    if (hasFieldProblems(problems)) {
      showProblems(problems);
      return;
    }
    form.clearErrors();
    setStepInvalid(false);
    goTo(Math.min(active + 1, PROGRAM_STEPS.length - 1));
  };

  const saved = (result: Program) => {
    notify({
      title: creating ? t('programs.form.created') : t('programs.form.updated'),
      message: result.title,
    });
    void navigate(`/program/${result.id}`);
  };

  const failed = (error: unknown) => {
    const problems = serverProblems(error, values);
    if (hasFieldProblems(problems)) {
      const first = firstStepWithProblem(problems);
      if (first) goTo(PROGRAM_STEPS.indexOf(first));
      showProblems(problems);
    }
    setProblem(error);
  };

  const save = () => {
    setProblem(null);
    const problems = validateProgramValues(values, program);
    if (hasFieldProblems(problems)) {
      const first = firstStepWithProblem(problems);
      if (first) goTo(PROGRAM_STEPS.indexOf(first));
      showProblems(problems);
      return;
    }
    if (program) {
      update.mutate(updateBodyOf(values, program.version), { onSuccess: saved, onError: failed });
    } else {
      create.mutate(createBodyOf(values), { onSuccess: saved, onError: failed });
    }
  };

  const fieldProblemsFromServer = problem !== null && hasFieldProblems(serverProblems(problem, values));
  const conflict = problem instanceof ApiError && problem.code === 'VERSION_CONFLICT';
  const last = active === PROGRAM_STEPS.length - 1;
  const stepLabel = (s: ProgramStep) => t(`programs.form.steps.${s}`);

  const content: Record<ProgramStep, ReactNode> = {
    basics: <BasicsStep form={form} />,
    where: <WhereStep form={form} isPhone={isPhone} />,
    who: <WhoStep form={form} ownerId={values.owner?.id} />,
    money: <MoneyStep form={form} />,
    results: <ResultsStep form={form} />,
    review: <ReviewStep form={form} creating={creating} />,
  };

  return (
    <form
      data-program-form
      noValidate
      aria-label={creating ? t('programs.form.createTitle') : t('programs.form.editTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        if (last) save();
        else next();
      }}
    >
      <Stack gap="md" maw={1040}>
        <Stepper
          active={active}
          onStepClick={(index) => {
            // Back freely; forward only through "Next", which checks the step.
            if (index < active) goTo(index);
          }}
          allowNextStepsSelect={false}
          size="sm"
          iconSize={isPhone ? 28 : 34}
          aria-label={t('programs.form.stepsLabel')}
        >
          {PROGRAM_STEPS.map((s) => (
            <Stepper.Step
              key={s}
              label={isPhone ? undefined : stepLabel(s)}
              // Without a visible label (phones) the button still needs a name; it starts with the
              // number it shows, so the spoken name matches what is seen.
              aria-label={isPhone ? `${PROGRAM_STEPS.indexOf(s) + 1} ${stepLabel(s)}` : undefined}
            />
          ))}
        </Stepper>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('programs.form.stepOf', { n: active + 1, total: PROGRAM_STEPS.length, name: stepLabel(step) })}
        </Text>

        {(stepInvalid || fieldProblemsFromServer) && (
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
              {conflict && program && (
                <Group>
                  <Anchor component={Link} to={`/program/${program.id}`} target="_blank" size="sm">
                    {t('programs.form.openLatest')}
                  </Anchor>
                </Group>
              )}
            </Stack>
          </Alert>
        )}

        {content[step]}

        <Group justify="space-between" gap="sm">
          <Button variant="default" component={Link} to={program ? `/program/${program.id}` : '/program'}>
            {t('common.cancel')}
          </Button>
          <Group gap="sm">
            {active > 0 && (
              <Button variant="default" onClick={() => goTo(active - 1)}>
                {t('programs.form.back')}
              </Button>
            )}
            {last ? (
              <Button type="submit" loading={saving}>
                {creating ? t('programs.form.submitCreate') : t('programs.form.saveChanges')}
              </Button>
            ) : (
              <Button type="submit">{t('programs.form.next')}</Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
