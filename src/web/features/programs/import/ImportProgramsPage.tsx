import { Button, Group, Stack, Stepper, Text } from '@mantine/core';
import { useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem, ImportResolution } from '../../../../shared/contracts/program-import.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { notify } from '../../../lib/notify.ts';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { canCreatePrograms, programOwnerChoices } from '../../auth/permissions.ts';
import { RequireAccess } from '../../auth/RequireAccess.tsx';
import { useSession } from '../../auth/session.ts';
import { useCommitImport, useImportStatus, usePreviewImport, useSheetPreview } from './api.ts';
import { MappingStep } from './MappingStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { answerTo, REJECT, withoutResolution, withResolution } from './resolutions.ts';
import { SaveStep } from './SaveStep.tsx';
import { SheetStep } from './SheetStep.tsx';
import { UploadStep } from './UploadStep.tsx';
import { initialWizardState, mappingBodyOf, type WizardStep, wizardReducer } from './wizard-state.ts';

function ImportWizard() {
  const { t } = useTranslation();
  const user = useSession().data?.user ?? null;
  const choices = programOwnerChoices(user);
  const single = choices?.length === 1 ? choices[0] : undefined;
  const [state, dispatch] = useReducer(
    wizardReducer,
    single ? { id: single.id, legalName: single.name } : null,
    initialWizardState,
  );
  const { step, workbook, sheet, headerRow, columns, owner, defaults, resolutions, current } = state;
  const setStep = (next: WizardStep) => dispatch({ type: 'stepChosen', step: next });
  const importId = workbook?.importId ?? null;
  const otherSheet = Boolean(workbook && sheet !== workbook.preview.name);
  const sheetQuery = useSheetPreview(importId, sheet, otherSheet);
  const sheetPreview = otherSheet ? sheetQuery.data : workbook?.preview;
  const preview = usePreviewImport(importId);
  const commit = useCommitImport(importId);
  const status = useImportStatus(importId, step === 4);

  const check = (answers: ImportResolution[] = resolutions) =>
    preview.mutate(mappingBodyOf(state, answers), {
      onSuccess: (answer) => dispatch({ type: 'previewed', preview: answer }),
    });
  const toMapping = () => {
    if (Object.keys(columns).length > 0) return setStep(2);
    // Ask the server to guess for this header row, then show its mapping.
    preview.mutate(mappingBodyOf(state, [], {}), {
      onSuccess: (answer) => dispatch({ type: 'columnsGuessed', columns: answer.columns }),
    });
  };
  const changeResolutions = (next: ImportResolution[]) => {
    dispatch({ type: 'resolutionsChanged', resolutions: next });
    check(next);
  };
  const answer = (problem: ImportProblem, value: string) => {
    const resolution = answerTo(problem, value);
    if (resolution) changeResolutions(withResolution(resolutions, resolution));
  };
  const undo = (key: string) => changeResolutions(withoutResolution(resolutions, key));

  const valid = current?.valid === true && !preview.isPending;
  const previewError = preview.isError ? preview.error : null;
  return (
    <Stack gap="md" maw={1200}>
      <Stepper
        active={step === 4 && status.data?.state === 'done' ? 5 : step}
        size="sm"
        allowNextStepsSelect={false}
        onStepClick={(s) => setStep(s as WizardStep)}
      >
        <Stepper.Step label={t('programImport.steps.upload')} />
        <Stepper.Step label={t('programImport.steps.sheet')} />
        <Stepper.Step label={t('programImport.steps.mapping')} />
        <Stepper.Step label={t('programImport.steps.preview')} />
        <Stepper.Step label={t('programImport.steps.save')} />
      </Stepper>

      {step === 0 && (
        <SectionCard title={t('programImport.steps.upload')} id="program-import-upload">
          <UploadStep onUploaded={(uploaded) => dispatch({ type: 'uploaded', workbook: uploaded })} />
        </SectionCard>
      )}

      {step === 1 && workbook && (
        <SectionCard title={t('programImport.steps.sheet')} id="program-import-sheet">
          <SheetStep
            workbook={workbook}
            sheet={sheet}
            preview={sheetPreview}
            headerRow={headerRow}
            onSheet={(name) => dispatch({ type: 'sheetChosen', name })}
            onHeaderRow={(row) => dispatch({ type: 'headerRowChosen', row, guess: sheetPreview?.guess })}
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
            onColumns={(next) => dispatch({ type: 'columnsChanged', columns: next })}
            owner={owner}
            onOwner={(next) => dispatch({ type: 'ownerChanged', owner: next })}
            defaults={defaults}
            onDefaults={(next) => dispatch({ type: 'defaultsChanged', defaults: next })}
          />
          {previewError && <ErrorAlert error={previewError} />}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(1)}>
              {t('programImport.back')}
            </Button>
            <Button
              loading={preview.isPending}
              onClick={() =>
                preview.mutate(mappingBodyOf(state), {
                  onSuccess: (answer) => dispatch({ type: 'checked', preview: answer }),
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
                  commit.mutate(mappingBodyOf(state), {
                    onSuccess: () => {
                      dispatch({ type: 'saveStarted' });
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
