import { Alert, Anchor, Button, Group, Stack, Stepper, Text, useMantineTheme } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Program } from '../../../shared/contracts/programs.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { formErrorsOf } from '../../components/FieldMessage.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { type FieldProblems, hasFieldProblems } from '../../lib/form-errors.ts';
import { notify } from '../../lib/notify.ts';
import { useCreateProgram, useUpdateProgram } from './api.ts';
import { BasicsStep } from './form-steps/BasicsStep.tsx';
import { MoneyStep } from './form-steps/MoneyStep.tsx';
import { ResultsStep } from './form-steps/ResultsStep.tsx';
import { ReviewStep } from './form-steps/ReviewStep.tsx';
import { WhereStep } from './form-steps/WhereStep.tsx';
import { WhoStep } from './form-steps/WhoStep.tsx';
import {
  createBodyOf,
  firstStepWithProblem,
  PROGRAM_STEPS,
  type ProgramFormValues,
  type ProgramStep,
  problemsOfStep,
  serverProblems,
  updateBodyOf,
  validateProgramValues,
} from './form-values.ts';

const FORM = 'program';

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
    where: <WhereStep form={form} />,
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
