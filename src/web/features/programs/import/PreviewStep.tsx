import { Accordion, Alert, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  ImportPreview,
  ImportProblem,
  ImportResolution,
  ImportWarning,
} from '../../../../shared/contracts/program-import.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { useLocale } from '../../../lib/useLocale.ts';
import { PlannedProgramsTable } from './PlannedProgramsTable.tsx';
import { ProblemList, placeOf, useDescribe } from './ProblemList.tsx';
import { REJECT, resolutionKey } from './resolutions.ts';

/** Warnings listed on screen; they need no answer. */
const WARNINGS_SHOWN = 200;

/** Step 4: the programs as they would be saved, and the questions the file leaves open. */
export function PreviewStep({
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
