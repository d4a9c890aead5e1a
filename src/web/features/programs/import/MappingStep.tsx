import { Alert, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  type ImportField,
  type SheetPreview,
} from '../../../../shared/contracts/program-import.ts';
import { MODALITIES, type Modality } from '../../../../shared/programs.ts';
import { OrganisationPicker } from '../../../components/OrganisationPicker.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { useLocale } from '../../../lib/useLocale.ts';
import { useAreaChildren } from '../../areas/api.ts';
import { programOwnerChoices } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.ts';
import { useIssues } from '../../organisations/api.ts';
import { columnChoices, columnIndexOf, doubleMapped } from './resolutions.ts';

import type { Defaults, Owner } from './wizard-state.ts';

/** Step 3: which column holds which field, the owner, and the defaults for cells left empty. */
export function MappingStep({
  preview,
  headerRow,
  columns,
  onColumns,
  owner,
  onOwner,
  defaults,
  onDefaults,
}: {
  preview: SheetPreview | undefined;
  headerRow: number;
  columns: Partial<Record<ImportField, string>>;
  onColumns: (columns: Partial<Record<ImportField, string>>) => void;
  owner: Owner;
  onOwner: (owner: Owner) => void;
  defaults: Defaults;
  onDefaults: (defaults: Defaults) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useSession().data?.user ?? null;
  const ownerChoices = programOwnerChoices(user);
  const regencies = useAreaChildren('52', 50, 0);
  const issues = useIssues();
  // A two-row header is shown as the server read it ("ANGGARAN (RP) › RENCANA").
  const guessedRow = preview?.guess.headerRow === headerRow;
  const header = guessedRow
    ? (preview?.guess.headers ?? [])
    : (preview?.grid.find((r) => r.row === headerRow)?.cells ?? []);
  const choices = columnChoices(header, preview?.columns ?? header.length, locale);
  const doubles = doubleMapped(columns);
  const guessedHeader = (field: ImportField): string | null => {
    const letter = columns[field];
    if (!guessedRow || !letter || preview?.guess.columns[field] !== letter) return null;
    return preview.guess.headers[columnIndexOf(letter)] ?? null;
  };
  return (
    <Stack gap="md">
      <Text size="sm">{t('programImport.mapping.text')}</Text>
      {guessedRow && Object.keys(preview?.guess.columns ?? {}).length > 0 && (
        <Alert color="blue" variant="light">
          <Text size="sm">{t('programImport.mapping.guessNote')}</Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {IMPORT_FIELDS.map((field) => (
          <Select
            key={field}
            label={t(`programImport.fields.${field}`)}
            description={
              guessedHeader(field)
                ? t('programImport.mapping.guessed', { header: guessedHeader(field) })
                : t(`programImport.fieldHints.${field}`)
            }
            data={choices}
            value={columns[field] ?? null}
            onChange={(value) => {
              const next = { ...columns };
              if (value) next[field] = value;
              else delete next[field];
              onColumns(next);
            }}
            placeholder={t('programImport.mapping.none')}
            clearable
            searchable
            error={doubles.includes(field) ? t('programImport.mapping.doubleMapped') : undefined}
          />
        ))}
      </SimpleGrid>
      <SectionCard title={t('programImport.mapping.defaultsTitle')} id="program-import-defaults">
        <Text size="sm" c="dimmed">
          {t('programImport.mapping.defaultsText')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <OrganisationPicker
            label={t('programImport.mapping.owner')}
            description={t('programImport.mapping.ownerHint')}
            value={owner}
            onChange={onOwner}
            only={ownerChoices?.map((o) => o.id) ?? null}
          />
          <Select
            label={t('programImport.mapping.kabupaten')}
            description={t('programImport.mapping.kabupatenHint')}
            data={(regencies.data?.items ?? []).map((a) => ({ value: a.code, label: a.name }))}
            value={defaults.kabupaten ?? null}
            onChange={(value) => onDefaults({ ...defaults, kabupaten: value ?? undefined })}
            clearable
          />
          <Select
            label={t('programImport.mapping.status')}
            description={t('programImport.mapping.statusHint')}
            data={(['draft', 'planned', 'active'] as const).map((s) => ({
              value: s,
              label: t(`programs.statuses.${s}`),
            }))}
            value={defaults.status ?? 'active'}
            onChange={(value) =>
              value && onDefaults({ ...defaults, status: value as NonNullable<Defaults['status']> })
            }
            allowDeselect={false}
          />
          <NumberInput
            label={t('programImport.mapping.year')}
            description={t('programImport.mapping.yearHint')}
            min={2000}
            max={2100}
            value={defaults.year ?? ''}
            onChange={(value) =>
              onDefaults({ ...defaults, year: typeof value === 'number' ? value : undefined })
            }
          />
          <Select
            label={t('programImport.mapping.modality')}
            description={t('programImport.mapping.modalityHint')}
            data={MODALITIES.map((m) => ({ value: m, label: t(`programs.modalities.${m}`) }))}
            value={defaults.modality ?? null}
            onChange={(value) =>
              onDefaults({ ...defaults, modality: (value as Modality | null) ?? undefined })
            }
            clearable
          />
          <MultiSelect
            label={t('programImport.mapping.issues')}
            description={t('programImport.mapping.issuesHint')}
            data={(issues.data?.items ?? []).map((i) => ({
              value: i.code,
              label: locale === 'id' ? i.nameId : i.nameEn,
            }))}
            value={defaults.issues ?? []}
            onChange={(value) => onDefaults({ ...defaults, issues: value.length ? value : undefined })}
            clearable
            searchable
          />
        </SimpleGrid>
      </SectionCard>
    </Stack>
  );
}
