import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportProblem, ImportResult } from '../../../shared/contracts/organisations.ts';
import { formatNumber } from '../../../shared/format.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { DownloadIcon, UploadIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { ApiError, type UploadProgress } from '../../lib/api-client.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canImportOrganisations } from '../auth/permissions.ts';
import { RequireAccess } from '../auth/RequireAccess.tsx';
import { templateUrl, useImportOrganisations } from './api.ts';
import { describeProblem, downloadText, problemsCsv } from './import-report.ts';

/** Problems listed on screen; the downloadable report has all of them. */
const PROBLEMS_SHOWN = 200;
const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function Counts({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tiles = [
    ['rows', result.rows],
    ['created', result.created],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
  ] as const;
  const prefix = result.committed ? 'done' : 'planned';
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {tiles.map(([key, value]) => (
        <Paper key={key} p="sm">
          <Text fz={26} fw={700} c="simpul.8" lh={1.1}>
            {formatNumber(value, locale)}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`organisations.import.${prefix}.${key}`)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ProblemsTable({ problems, fileName }: { problems: ImportProblem[]; fileName: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = problems.slice(0, PROBLEMS_SHOWN);
  const download = () =>
    downloadText(
      `${fileName.replace(/\.(xlsx|csv)$/i, '')}-${t('organisations.import.reportSuffix')}.csv`,
      problemsCsv(
        problems,
        {
          row: t('organisations.import.row'),
          column: t('organisations.import.column'),
          problem: t('organisations.import.problem'),
          detail: t('organisations.import.detail'),
          code: t('organisations.import.code'),
        },
        (p) => describeProblem(t, p),
      ),
    );
  return (
    <Stack gap="sm">
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t('organisations.import.problemsTitle', {
          count: problems.length,
          formatted: formatNumber(problems.length, locale),
        })}
      >
        <Stack gap="xs">
          <Text size="sm">{t('organisations.import.problemsText')}</Text>
          <Group>
            <Button size="xs" variant="white" color="red" leftSection={<DownloadIcon />} onClick={download}>
              {t('organisations.import.downloadReport')}
            </Button>
          </Group>
        </Stack>
      </Alert>
      <ScrollTable minWidth={560}>
        <Table striped aria-label={t('organisations.import.problemsTable')} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('organisations.import.row')}</Table.Th>
              <Table.Th w={160}>{t('organisations.import.column')}</Table.Th>
              <Table.Th>{t('organisations.import.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p, i) => (
              // Problems have no id; the list does not change while shown.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <Table.Tr key={i}>
                <Table.Td>{p.row > 0 ? p.row : ''}</Table.Td>
                <Table.Td>
                  <Text span size="sm" ff="monospace">
                    {p.column}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeProblem(t, p)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {problems.length > shown.length && (
        <Text size="sm" c="dimmed">
          {t('organisations.import.moreInReport', { count: problems.length - shown.length })}
        </Text>
      )}
    </Stack>
  );
}

/** A file the server could not read at all (not a spreadsheet, missing columns). */
function FileRefused({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const columns = error instanceof ApiError ? error.details.filter((d) => d.path.startsWith('file.')) : [];
  return (
    <Alert color="red" variant="light" role="alert" title={t('organisations.import.refused')}>
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {columns.length > 0 && (
          <List size="sm">
            {columns.map((d) => (
              <List.Item key={d.path}>
                {t(`organisations.import.codes.${d.code ?? 'invalid'}`, {
                  defaultValue: t('organisations.import.codes.invalid'),
                })}
                :{' '}
                <Text span ff="monospace" size="sm">
                  {d.path.slice('file.'.length)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}

/** The template's example rows found in the file: never imported, and said so. */
function SkippedRows({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  if (result.skipped.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title={t('organisations.import.skippedTitle')}>
      <Text size="sm">{t('organisations.import.skippedText', { count: result.skipped.length })}</Text>
      <List size="sm">
        {result.skipped.map((s) => (
          <List.Item key={s.row}>
            {t('organisations.import.skippedRow', { row: s.row, kode: s.kode })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function ImportWorkflow() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const upload = useImportOrganisations(setProgress);

  const run = (dryRun: boolean) => {
    if (!file) return;
    setProgress({ loaded: 0, total: file.size, done: false });
    if (dryRun) setChecked(null);
    setDone(null);
    upload.mutate(
      { file, dryRun },
      {
        onSuccess: (result) => {
          if (dryRun) setChecked(result);
          else if (result.committed) {
            setDone(result);
            setChecked(null);
            notify({ message: t('organisations.import.committed') });
          } else setChecked(result);
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const phase = progress ? (progress.done ? 'checking' : 'uploading') : null;

  return (
    <Stack gap="md" maw={960}>
      <Paper p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('organisations.import.step1')}
          </Title>
          <Text size="sm">{t('organisations.import.templateText')}</Text>
          <Group gap="xs">
            <Button
              component="a"
              href={templateUrl('xlsx')}
              download
              variant="default"
              leftSection={<DownloadIcon />}
            >
              {t('organisations.import.templateXlsx')}
            </Button>
            <Button
              component="a"
              href={templateUrl('csv')}
              download
              variant="default"
              leftSection={<DownloadIcon />}
            >
              {t('organisations.import.templateCsv')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Paper p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('organisations.import.step2')}
          </Title>
          <Text size="sm">{t('organisations.import.uploadText')}</Text>
          <FileInput
            label={t('organisations.import.file')}
            description={t('organisations.import.fileHint')}
            placeholder={t('organisations.import.choose')}
            accept={ACCEPT}
            value={file}
            onChange={(next) => {
              setFile(next);
              setChecked(null);
              setDone(null);
              upload.reset();
            }}
            clearable
            leftSection={<UploadIcon />}
            disabled={upload.isPending}
            // Mantine draws this placeholder as text in light grey (2.1:1); use the readable secondary grey.
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          />
          <Group>
            <Button
              onClick={() => run(true)}
              disabled={!file}
              loading={upload.isPending && upload.variables?.dryRun === true}
            >
              {t('organisations.import.check')}
            </Button>
          </Group>
          {phase && (
            <Stack gap={4} aria-live="polite">
              <Text size="sm">
                {phase === 'uploading'
                  ? t('organisations.import.uploading', { percent })
                  : t('organisations.import.checking')}
              </Text>
              <Progress
                value={phase === 'uploading' ? percent : 100}
                striped={phase === 'checking'}
                animated={phase === 'checking'}
                aria-label={t('organisations.import.progress')}
                size="lg"
              />
            </Stack>
          )}
          {upload.isError && <FileRefused error={upload.error} />}
        </Stack>
      </Paper>

      {checked && file && (
        <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="import-result">
          <Stack gap="sm">
            <Title order={3} size="h4" id="import-result">
              {t('organisations.import.step3')}
            </Title>
            <Counts result={checked} />
            <SkippedRows result={checked} />
            {checked.problems.length > 0 ? (
              <ProblemsTable problems={checked.problems} fileName={file.name} />
            ) : (
              <Alert color="teal" variant="light" title={t('organisations.import.readyTitle')}>
                <Stack gap="xs">
                  <Text size="sm">{t('organisations.import.readyText')}</Text>
                  <Group>
                    <Button
                      onClick={() => run(false)}
                      loading={upload.isPending && upload.variables?.dryRun === false}
                    >
                      {t('organisations.import.confirm', { count: checked.rows })}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      {done && (
        <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="import-done">
          <Stack gap="sm">
            <Title order={3} size="h4" id="import-done">
              {t('organisations.import.doneTitle')}
            </Title>
            <Counts result={done} />
            <SkippedRows result={done} />
            <Group>
              <Anchor component={Link} to="/mitra?sort=updated">
                {t('organisations.import.toDirectory')}
              </Anchor>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** /mitra/impor: spreadsheet import of organisations (coordinators, platform administrators). */
export function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organisations.import.title'));
  return (
    <RequireAccess allow={canImportOrganisations}>
      <PageHeader
        crumbs={[{ label: t('nav.partners'), to: '/mitra' }, { label: t('organisations.import.title') }]}
        title={t('organisations.import.title')}
        subtitle={t('organisations.import.intro')}
      />
      <ImportWorkflow />
    </RequireAccess>
  );
}
