import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldProblem, type FieldProblems, fieldMessage } from '../lib/form-errors.ts';

type FieldMessageProps = { form: string; path: string; problem: FieldProblem };

/** One field's error, translated when shown: switching language re-words errors already on screen. */
export function FieldMessage({ form, path, problem }: FieldMessageProps) {
  const { t } = useTranslation();
  return <>{fieldMessage(t, form, path, problem)}</>;
}

/** Problems as Mantine form errors (a node per path). */
export function formErrorsOf(form: string, problems: FieldProblems): Record<string, ReactNode> {
  return Object.fromEntries(
    Object.entries(problems).map(([path, problem]) => [
      path,
      <FieldMessage key={path} form={form} path={path} problem={problem} />,
    ]),
  );
}
