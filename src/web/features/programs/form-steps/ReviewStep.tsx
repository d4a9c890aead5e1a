import { Alert, Group, List, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatRupiah } from '../../../../shared/format.ts';
import { isProductive } from '../../../../shared/programs.ts';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { useLocale } from '../../../lib/useLocale.ts';
import { useIssues } from '../../organisations/api.ts';
import { issueName } from '../../organisations/labels.ts';
import { ProductiveBadge } from '../badges.tsx';
import { numberOrNull, type ProgramFormValues } from '../form-values.ts';
import { formatPeriod } from '../format.ts';
import { groupVillages, villageCounts } from '../village-groups.ts';
import type { ProgramFormApi as Form } from './form-api.ts';

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

/** Step 6: everything entered, as it will be saved; a new program also chooses its status here. */
export function ReviewStep({ form, creating }: { form: Form; creating: boolean }) {
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
