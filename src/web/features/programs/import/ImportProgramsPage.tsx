import {
  Accordion,
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportMappingBody,
  type ImportPreview,
  type ImportProblem,
  type ImportResolution,
  type ImportStatus,
  type ImportWarning,
  type SheetPreview,
  type UploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { MODALITIES, type Modality } from '../../../../shared/programs.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { UploadIcon } from '../../../components/icons.tsx';
import { OrganisationPicker } from '../../../components/OrganisationPicker.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { serverErrorMessage, type UploadProgress } from '../../../lib/api-client.ts';
import { notify } from '../../../lib/notify.ts';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { useLocale } from '../../../lib/useLocale.ts';
import { useAreaChildren } from '../../areas/api.ts';
import { canCreatePrograms, programOwnerChoices } from '../../auth/permissions.ts';
import { RequireAccess } from '../../auth/RequireAccess.tsx';
import { useSession } from '../../auth/session.ts';
import { useIssues } from '../../organisations/api.ts';
import {
  useCommitImport,
  useImportStatus,
  usePreviewImport,
  useSheetPreview,
  useUploadWorkbook,
} from './api.ts';
import { PlannedProgramsTable } from './PlannedProgramsTable.tsx';
import { ProblemList, placeOf, useDescribe } from './ProblemList.tsx';
import {
  answerTo,
  columnChoices,
  columnIndexOf,
  doubleMapped,
  REJECT,
  resolutionKey,
  withoutResolution,
  withResolution,
} from './resolutions.ts';
import { SheetGrid } from './SheetGrid.tsx';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Warnings listed on screen; they need no answer. */
const WARNINGS_SHOWN = 200;

type Step = 0 | 1 | 2 | 3 | 4;
type Owner = { id: string; legalName: string } | null;
type Defaults = NonNullable<ImportMappingBody['defaults']>;

function UploadStep({ onUploaded }: { onUploaded: (workbook: UploadedWorkbook) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useUploadWorkbook(setProgress);
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('programImport.upload.text')}</Text>
      <FileInput
        label={t('programImport.upload.file')}
        description={t('programImport.upload.fileHint')}
        placeholder={t('programImport.upload.choose')}
        accept={ACCEPT}
        value={file}
        onChange={(next) => {
          setFile(next);
          upload.reset();
        }}
        clearable
        leftSection={<UploadIcon />}
        disabled={upload.isPending}
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      />
      <Group>
        <Button
          disabled={!file}
          loading={upload.isPending}
          onClick={() => {
            if (!file) return;
            setProgress({ loaded: 0, total: file.size, done: false });
            upload.mutate(file, { onSuccess: onUploaded, onSettled: () => setProgress(null) });
          }}
        >
          {t('programImport.upload.submit')}
        </Button>
      </Group>
      {progress && (
        <Stack gap={4} aria-live="polite">
          <Text size="sm">
            {progress.done
              ? t('programImport.upload.reading')
              : t('programImport.upload.uploading', { percent })}
          </Text>
          <Progress
            value={progress.done ? 100 : percent}
            striped={progress.done}
            animated={progress.done}
            aria-label={t('programImport.upload.progress')}
          />
        </Stack>
      )}
      {upload.isError && <ErrorAlert error={upload.error} title={t('programImport.upload.refused')} />}
    </Stack>
  );
}

function SheetStep({
  workbook,
  sheet,
  preview,
  headerRow,
  onSheet,
  onHeaderRow,
}: {
  workbook: UploadedWorkbook;
  sheet: string;
  preview: SheetPreview | undefined;
  headerRow: number;
  onSheet: (name: string) => void;
  onHeaderRow: (row: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('programImport.sheet.text')}</Text>
      <Group align="flex-end">
        <Select
          label={t('programImport.sheet.sheet')}
          data={workbook.sheets.map((s) => ({
            value: s.name,
            label: t('programImport.sheet.sheetOption', { name: s.name, count: s.rows }),
          }))}
          value={sheet}
          onChange={(value) => value && onSheet(value)}
          allowDeselect={false}
          w={320}
        />
        <NumberInput
          label={t('programImport.sheet.headerRow')}
          min={1}
          max={Math.max(preview?.rows ?? 1, 1)}
          value={headerRow}
          onChange={(value) => typeof value === 'number' && value >= 1 && onHeaderRow(value)}
          w={160}
        />
      </Group>
      {preview && (
        <Text size="sm" c="dimmed">
          {preview.guess.headerRow === null
            ? t('programImport.sheet.noGuess')
            : t('programImport.sheet.guessed', { row: preview.guess.headerRow })}
        </Text>
      )}
      {preview && <SheetGrid preview={preview} headerRow={headerRow} onHeaderRow={onHeaderRow} />}
    </Stack>
  );
}

function MappingStep({
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

function PreviewStep({
  preview,
  checking,
  resolutions,
  onAnswer,
  onReject,
  onUndo,
}: {
  preview: ImportPreview;
  checking: boolean;
  resolutions: ImportResolution[];
  onAnswer: (problem: ImportProblem, value: string) => void;
  onReject: (warning: ImportWarning) => void;
  onUndo: (key: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const describe = useDescribe();
  const corrections = preview.warnings.filter((w) => w.reversible);
  const notes = preview.warnings.filter((w) => !w.reversible);
  const answerText = (r: ImportResolution) => {
    if (r.value === '') return t('programImport.preview.dropped');
    if (r.value === REJECT) return t('programImport.preview.rejected');
    if (r.value.startsWith('#new:'))
      return t('programImport.preview.registered', { type: t(`organisations.types.${r.value.slice(5)}`) });
    return r.value;
  };
  return (
    <Stack gap="md">
      <Text size="sm" aria-live="polite">
        {t('programImport.preview.summary', {
          programs: formatNumber(preview.programs.length, locale),
          rows: formatNumber(preview.programRows, locale),
        })}
      </Text>
      {preview.problems.length > 0 ? (
        <Stack gap="sm">
          <Alert
            color="orange"
            variant="light"
            title={t('programImport.preview.problemsTitle', { count: preview.problems.length })}
          >
            <Text size="sm">{t('programImport.preview.problemsText')}</Text>
          </Alert>
          <ProblemList problems={preview.problems} onAnswer={onAnswer} disabled={checking} />
        </Stack>
      ) : (
        <Alert color="teal" variant="light" title={t('programImport.preview.readyTitle')}>
          <Text size="sm">{t('programImport.preview.readyText')}</Text>
        </Alert>
      )}
      {resolutions.length > 0 && (
        <Paper withBorder p="sm">
          <Stack gap={6}>
            <Text fw={600} size="sm">
              {t('programImport.preview.answersTitle')}
            </Text>
            <List size="sm" spacing={4}>
              {resolutions.map((r) => (
                <List.Item key={resolutionKey(r)}>
                  <Group gap="xs">
                    <Text size="sm">
                      {r.allRows
                        ? t('programImport.preview.answerAllRows', {
                            row: r.row,
                            column: r.column,
                            item: r.item ?? '',
                            value: answerText(r),
                          })
                        : t('programImport.preview.answer', {
                            row: r.row,
                            column: r.column,
                            value: answerText(r),
                          })}
                      {!r.allRows && r.item && !r.item.startsWith('#') ? ` (${r.item})` : ''}
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onUndo(resolutionKey(r))}
                      disabled={checking}
                    >
                      {t('programImport.preview.undo')}
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      )}
      {corrections.length > 0 && (
        <Paper
          withBorder
          p="sm"
          component="section"
          aria-label={t('programImport.preview.correctionsTitle', { count: corrections.length })}
        >
          <Stack gap={6}>
            <Text fw={600} size="sm">
              {t('programImport.preview.correctionsTitle', { count: corrections.length })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('programImport.preview.correctionsText')}
            </Text>
            <List size="sm" spacing={4}>
              {corrections.map((w) => (
                <List.Item key={`${w.row}:${w.column}:${w.item ?? ''}:${w.code}`}>
                  <Group gap="xs">
                    <Text size="sm">
                      <Text span fw={600} size="sm">
                        {placeOf(t, w)}:
                      </Text>{' '}
                      {describe(w)}
                    </Text>
                    <Button size="compact-xs" variant="light" disabled={checking} onClick={() => onReject(w)}>
                      {t('programImport.preview.reject')}
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      )}
      <Accordion variant="separated" multiple defaultValue={['programs']}>
        <Accordion.Item value="programs">
          <Accordion.Control>
            {t('programImport.preview.programsTitle', { count: preview.programs.length })}
          </Accordion.Control>
          <Accordion.Panel>
            <PlannedProgramsTable programs={preview.programs} />
          </Accordion.Panel>
        </Accordion.Item>
        {notes.length > 0 && (
          <Accordion.Item value="warnings">
            <Accordion.Control>
              {t('programImport.preview.warningsTitle', { count: notes.length })}
            </Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" c="dimmed" mb="xs">
                {t('programImport.preview.warningsText')}
              </Text>
              <List size="sm" spacing={6}>
                {notes.slice(0, WARNINGS_SHOWN).map((w, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list does not change while shown
                  <List.Item key={i}>
                    <Text size="sm" fw={600} span>
                      {placeOf(t, w)}:
                    </Text>{' '}
                    <Text size="sm" span>
                      {describe(w)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        )}
        {preview.skipped.length > 0 && (
          <Accordion.Item value="skipped">
            <Accordion.Control>
              {t('programImport.preview.skippedTitle', { count: preview.skipped.length })}
            </Accordion.Control>
            <Accordion.Panel>
              <List size="sm">
                {preview.skipped.map((s) => (
                  <List.Item key={s.row}>
                    {t('programImport.preview.skippedRow', {
                      row: s.row,
                      reason: t(`programImport.preview.skipReasons.${s.reason}`),
                    })}
                  </List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        )}
      </Accordion>
    </Stack>
  );
}

function SaveStep({ status, onBack }: { status: ImportStatus | undefined; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!status) return null;
  const { done, total } = status.progress;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  if (status.state === 'failed') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('programImport.save.failedTitle')}>
        <Stack gap="xs">
          {/* In the reader's language only: the preview, checked again on the way back, says what is wrong. */}
          <Text size="sm">
            {(status.error && serverErrorMessage(status.error.code, locale)) ?? t('errors.unknown')}
          </Text>
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onBack}>
              {t('programImport.save.backToPreview')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (status.state !== 'done') {
    return (
      <Stack gap={4} aria-live="polite">
        <Text size="sm">
          {status.state === 'queued'
            ? t('programImport.save.queued')
            : t('programImport.save.running', {
                done: formatNumber(done, locale),
                total: formatNumber(total, locale),
              })}
        </Text>
        <Progress
          value={status.state === 'queued' ? 100 : percent}
          striped
          animated
          size="lg"
          aria-label={t('programImport.save.progress')}
        />
      </Stack>
    );
  }
  const tiles = [
    ['created', status.result?.created ?? 0],
    ['updated', status.result?.updated ?? 0],
    ['unchanged', status.result?.unchanged ?? 0],
  ] as const;
  return (
    <Stack gap="sm">
      <Alert color="teal" variant="light" title={t('programImport.save.doneTitle')}>
        <Text size="sm">{t('programImport.save.doneText')}</Text>
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {tiles.map(([key, value]) => (
          <Paper key={key} p="sm" withBorder>
            <Text fz={26} fw={700} c="simpul.8" lh={1.1}>
              {formatNumber(value, locale)}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`programImport.save.${key}`)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group>
        <Anchor component={Link} to="/program">
          {t('programImport.save.toPrograms')}
        </Anchor>
        <Anchor component={Link} to="/peta">
          {t('programImport.save.toMap')}
        </Anchor>
      </Group>
    </Stack>
  );
}

function ImportWizard() {
  const { t } = useTranslation();
  const user = useSession().data?.user ?? null;
  const choices = programOwnerChoices(user);
  const single = choices?.length === 1 ? choices[0] : undefined;
  const [step, setStep] = useState<Step>(0);
  const [workbook, setWorkbook] = useState<UploadedWorkbook | null>(null);
  const [sheet, setSheet] = useState('');
  const [headerRow, setHeaderRow] = useState(1);
  const [columns, setColumns] = useState<Partial<Record<ImportField, string>>>({});
  const [owner, setOwner] = useState<Owner>(single ? { id: single.id, legalName: single.name } : null);
  const [defaults, setDefaults] = useState<Defaults>({ status: 'active' });
  const [resolutions, setResolutions] = useState<ImportResolution[]>([]);
  // The last preview the server gave: kept on screen while the next one is checked, or if it fails.
  const [current, setCurrent] = useState<ImportPreview | null>(null);
  const importId = workbook?.importId ?? null;
  const otherSheet = Boolean(workbook && sheet !== workbook.preview.name);
  const sheetQuery = useSheetPreview(importId, sheet, otherSheet);
  const sheetPreview = otherSheet ? sheetQuery.data : workbook?.preview;
  const preview = usePreviewImport(importId);
  const commit = useCommitImport(importId);
  const status = useImportStatus(importId, step === 4);

  const bodyWith = (
    answers: ImportResolution[],
    mapped: Partial<Record<ImportField, string>> = columns,
  ): ImportMappingBody => ({
    sheet,
    headerRow,
    columns: mapped,
    ...(owner ? { ownerOrgId: owner.id } : {}),
    defaults,
    resolutions: answers,
  });
  const check = (answers: ImportResolution[] = resolutions) =>
    preview.mutate(bodyWith(answers), { onSuccess: setCurrent });

  const chooseSheet = (name: string, guess?: SheetPreview['guess']) => {
    setSheet(name);
    setResolutions([]);
    if (guess) {
      setHeaderRow(guess.headerRow ?? 1);
      setColumns(guess.columns);
      if (guess.year) setDefaults((d) => ({ ...d, year: d.year ?? guess.year ?? undefined }));
    }
  };
  const chooseHeaderRow = (row: number) => {
    setHeaderRow(row);
    // The guess belongs to the guessed header row; another row is mapped afresh by the server.
    setColumns(row === sheetPreview?.guess.headerRow ? sheetPreview.guess.columns : {});
  };
  const toMapping = () => {
    if (Object.keys(columns).length > 0) return setStep(2);
    // Ask the server to guess for this header row, then show its mapping.
    preview.mutate(bodyWith([], {}), {
      onSuccess: (answer) => {
        setColumns(answer.columns);
        setStep(2);
      },
    });
  };
  const answer = (problem: ImportProblem, value: string) => {
    const resolution = answerTo(problem, value);
    if (!resolution) return;
    const next = withResolution(resolutions, resolution);
    setResolutions(next);
    check(next);
  };
  const undo = (key: string) => {
    const next = withoutResolution(resolutions, key);
    setResolutions(next);
    check(next);
  };

  const valid = current?.valid === true && !preview.isPending;
  const previewError = preview.isError ? preview.error : null;
  return (
    <Stack gap="md" maw={1200}>
      <Stepper
        active={step === 4 && status.data?.state === 'done' ? 5 : step}
        size="sm"
        allowNextStepsSelect={false}
        onStepClick={(s) => setStep(s as Step)}
      >
        <Stepper.Step label={t('programImport.steps.upload')} />
        <Stepper.Step label={t('programImport.steps.sheet')} />
        <Stepper.Step label={t('programImport.steps.mapping')} />
        <Stepper.Step label={t('programImport.steps.preview')} />
        <Stepper.Step label={t('programImport.steps.save')} />
      </Stepper>

      {step === 0 && (
        <SectionCard title={t('programImport.steps.upload')} id="program-import-upload">
          <UploadStep
            onUploaded={(uploaded) => {
              setWorkbook(uploaded);
              chooseSheet(uploaded.preview.name, uploaded.preview.guess);
              setStep(1);
            }}
          />
        </SectionCard>
      )}

      {step === 1 && workbook && (
        <SectionCard title={t('programImport.steps.sheet')} id="program-import-sheet">
          <SheetStep
            workbook={workbook}
            sheet={sheet}
            preview={sheetPreview}
            headerRow={headerRow}
            onSheet={(name) => {
              const guess = name === workbook.preview.name ? workbook.preview.guess : undefined;
              chooseSheet(name, guess);
              if (!guess) {
                setHeaderRow(1);
                setColumns({});
              }
            }}
            onHeaderRow={chooseHeaderRow}
          />
          {sheetQuery.isError && <ErrorAlert error={sheetQuery.error} />}
          {previewError && <ErrorAlert error={previewError} />}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(0)}>
              {t('programImport.back')}
            </Button>
            <Button onClick={toMapping} loading={preview.isPending} disabled={!sheetPreview}>
              {t('programImport.next')}
            </Button>
          </Group>
        </SectionCard>
      )}

      {step === 2 && (
        <SectionCard title={t('programImport.steps.mapping')} id="program-import-mapping">
          <MappingStep
            preview={sheetPreview}
            headerRow={headerRow}
            columns={columns}
            onColumns={setColumns}
            owner={owner}
            onOwner={setOwner}
            defaults={defaults}
            onDefaults={setDefaults}
          />
          {previewError && <ErrorAlert error={previewError} />}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(1)}>
              {t('programImport.back')}
            </Button>
            <Button
              loading={preview.isPending}
              onClick={() =>
                preview.mutate(bodyWith(resolutions), {
                  onSuccess: (answer) => {
                    setCurrent(answer);
                    setStep(3);
                  },
                })
              }
            >
              {t('programImport.mapping.check')}
            </Button>
          </Group>
        </SectionCard>
      )}

      {step === 3 && current && (
        <SectionCard title={t('programImport.steps.preview')} id="program-import-preview">
          <PreviewStep
            preview={current}
            checking={preview.isPending}
            resolutions={resolutions}
            onAnswer={answer}
            onReject={(warning) => answer({ ...warning, readings: [] } as ImportProblem, REJECT)}
            onUndo={undo}
          />
          {previewError && <ErrorAlert error={previewError} onRetry={() => check()} />}
          {commit.isError && <ErrorAlert error={commit.error} />}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(2)}>
              {t('programImport.back')}
            </Button>
            <Stack gap={4} align="flex-end">
              <Button
                disabled={!valid}
                loading={commit.isPending}
                onClick={() =>
                  commit.mutate(bodyWith(resolutions), {
                    onSuccess: () => {
                      setStep(4);
                      notify({ message: t('programImport.save.started') });
                    },
                  })
                }
              >
                {t('programImport.save.confirm', { count: current.programs.length })}
              </Button>
              {!valid && (
                <Text size="xs" c="dimmed">
                  {t('programImport.save.disabledHint')}
                </Text>
              )}
            </Stack>
          </Group>
        </SectionCard>
      )}

      {step === 4 && (
        <SectionCard title={t('programImport.steps.save')} id="program-import-save">
          {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
          <SaveStep
            status={status.data}
            onBack={() => {
              setStep(3);
              check();
            }}
          />
        </SectionCard>
      )}
    </Stack>
  );
}

/** /program/impor: import the program recaps partners send (coordinators and organisation editors). */
export function ImportProgramsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programImport.title'));
  return (
    <RequireAccess allow={canCreatePrograms}>
      <PageHeader
        crumbs={[{ label: t('nav.programs'), to: '/program' }, { label: t('programImport.title') }]}
        title={t('programImport.title')}
        subtitle={t('programImport.intro')}
      />
      <ImportWizard />
    </RequireAccess>
  );
}
