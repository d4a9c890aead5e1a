import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem, ImportWarning } from '../../../../shared/contracts/program-import.ts';
import { OrganisationPicker } from '../../../components/OrganisationPicker.tsx';
import { useLocale } from '../../../lib/useLocale.ts';
import { useIssues } from '../../organisations/api.ts';
import { describeEntry } from './describe.ts';

/** Problems listed at once; the rest follow once these are answered. */
const PROBLEMS_SHOWN = 100;
const ORGANISATION_FIELDS = new Set(['owner', 'partners', 'funders']);
const DROP = '__drop__';

/** The problem or warning in the reader's language, from its code and params (never the server's English). */
export function useDescribe(): (entry: ImportProblem | ImportWarning) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  const issueName = (code: string) => {
    const issue = issues.data?.items.find((i) => i.code === code);
    return issue ? (locale === 'id' ? issue.nameId : issue.nameEn) : code;
  };
  return (entry) => describeEntry(t, entry, { locale, issueName });
}

/** "Row 13, column L (Keterangan)": where to look in the file. */
export function placeOf(t: TFunction, entry: ImportProblem | ImportWarning): string {
  const field = entry.field ? t(`programImport.fields.${entry.field}`, { defaultValue: entry.field }) : '';
  if (!entry.column) return t('programImport.preview.placeRow', { row: entry.row, field });
  return t('programImport.preview.place', { row: entry.row, column: entry.column, field });
}

function useReadingLabel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  return (problem: ImportProblem, value: string, label: string): string => {
    if (problem.field === 'modality') return t(`programs.modalities.${value}`, { defaultValue: label });
    if (problem.field === 'issues') {
      const issue = issues.data?.items.find((i) => i.code === value);
      return issue ? (locale === 'id' ? issue.nameId : issue.nameEn) : label;
    }
    if (problem.code === 'budget_repeated') {
      return t(value === 'sum' ? 'programImport.preview.readingSum' : 'programImport.preview.readingOnce', {
        amount: label,
      });
    }
    return label;
  };
}

/** The control that answers one problem: pick a reading, an organisation, type a value, or leave the item out. */
/** Registers an unknown name as a new, unverified organisation when the import is saved. */
function RegisterNew({ name, onAnswer }: { name: string; onAnswer: (value: string) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<string | null>(guessType(name));
  return (
    <Group align="flex-end" gap="xs">
      <Select
        label={t('programImport.preview.registerNew', { name })}
        description={t('programImport.preview.registerHint')}
        data={REGISTRABLE.map((value) => ({ value, label: t(`organisations.types.${value}`) }))}
        value={type}
        onChange={setType}
        allowDeselect={false}
        aria-label={t('programImport.preview.registerType')}
        style={{ flex: 1, minWidth: 260 }}
      />
      <Button variant="default" disabled={!type} onClick={() => type && onAnswer(`#new:${type}`)}>
        {t('programImport.preview.register')}
      </Button>
    </Group>
  );
}

/** Types a new organisation from a cell may have (government and LKKS need a level the cell does not give). */
const REGISTRABLE = ['private_company', 'bumn_bumd', 'ngo', 'philanthropy', 'university', 'media'] as const;

/** A first choice from the name's legal form ("PT …" is a company); the user confirms it. */
function guessType(name: string): (typeof REGISTRABLE)[number] {
  const lower = name.toLowerCase();
  if (/^(pt|cv|ud|pd)\b|\btbk\b/.test(lower)) return 'private_company';
  if (/\b(universitas|institut|politeknik|sekolah tinggi|stikes)\b/.test(lower)) return 'university';
  if (/\b(baznas|laznas|zakat|filantropi)\b/.test(lower)) return 'philanthropy';
  return 'ngo';
}

function Answer({ problem, onAnswer }: { problem: ImportProblem; onAnswer: (value: string) => void }) {
  const { t } = useTranslation();
  const readingLabel = useReadingLabel();
  const [typed, setTyped] = useState('');
  if (!problem.column) {
    return (
      <Text size="sm" c="dimmed">
        {t('programImport.preview.fixInMapping')}
      </Text>
    );
  }
  const readings = problem.readings ?? [];
  const options = [
    ...readings.map((r) => ({ value: r.value, label: readingLabel(problem, r.value, r.label) })),
    ...(problem.droppable ? [{ value: DROP, label: t('programImport.preview.drop') }] : []),
  ];
  const pick = (value: string | null) => {
    if (value !== null) onAnswer(value === DROP ? '' : value);
  };
  if (ORGANISATION_FIELDS.has(problem.field)) {
    const similar = options.filter((o) => o.value !== DROP);
    return (
      <Stack gap={6}>
        {similar.length > 0 && (
          <Select
            label={t('programImport.preview.pickOrganisation')}
            data={similar}
            value={null}
            onChange={pick}
            placeholder={t('programImport.preview.pick')}
            allowDeselect={false}
          />
        )}
        <OrganisationPicker
          label={t('programImport.preview.searchOrganisation')}
          value={null}
          onChange={(org) => org && onAnswer(org.id)}
        />
        {problem.item && <RegisterNew name={problem.item} onAnswer={onAnswer} />}
        {problem.droppable && (
          <Group>
            <Button variant="default" size="xs" onClick={() => onAnswer('')}>
              {t('programImport.preview.drop')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  if (options.length > 0) {
    return (
      <Select
        label={t('programImport.preview.pick')}
        data={options}
        value={null}
        onChange={pick}
        placeholder={t('programImport.preview.pickPlaceholder')}
        allowDeselect={false}
        searchable={options.length > 8}
      />
    );
  }
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        label={t('programImport.preview.typeValue')}
        description={t(`programImport.preview.valueHints.${problem.field}`, {
          defaultValue: t('programImport.preview.valueHints.default'),
        })}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        style={{ flex: 1, minWidth: 220 }}
      />
      <Button variant="default" disabled={typed.trim() === ''} onClick={() => onAnswer(typed.trim())}>
        {t('programImport.preview.apply')}
      </Button>
      {problem.droppable && (
        <Button variant="subtle" onClick={() => onAnswer('')}>
          {t('programImport.preview.drop')}
        </Button>
      )}
    </Group>
  );
}

/** Every problem by row and column, each with the way to resolve it. */
export function ProblemList({
  problems,
  onAnswer,
  disabled,
}: {
  problems: ImportProblem[];
  onAnswer: (problem: ImportProblem, value: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const describe = useDescribe();
  const shown = problems.slice(0, PROBLEMS_SHOWN);
  return (
    <Stack gap="sm" aria-busy={disabled}>
      {shown.map((problem) => (
        <Paper
          key={`${problem.row}:${problem.column}:${problem.item ?? ''}:${problem.code}`}
          withBorder
          p="sm"
          component="article"
          aria-label={placeOf(t, problem)}
        >
          <Stack gap={6}>
            <Group justify="space-between" gap="xs">
              <Text fw={600} size="sm">
                {placeOf(t, problem)}
              </Text>
              {problem.item && !problem.item.startsWith('#') && (
                <Badge variant="light" color="gray" tt="none">
                  {problem.item}
                </Badge>
              )}
            </Group>
            <Text size="sm">{describe(problem)}</Text>
            {problem.rows && problem.rows.length > 1 && (
              <Text size="xs" c="dimmed">
                {t('programImport.preview.rowsAsked', { rows: problem.rows.join(', ') })}
              </Text>
            )}
            <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
              <Answer problem={problem} onAnswer={(value) => onAnswer(problem, value)} />
            </fieldset>
          </Stack>
        </Paper>
      ))}
      {problems.length > shown.length && (
        <Text size="sm" c="dimmed">
          {t('programImport.preview.moreProblems', { count: problems.length - shown.length })}
        </Text>
      )}
    </Stack>
  );
}
