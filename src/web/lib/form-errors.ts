/**
 * Field errors for forms, from two sources that must look the same to the reader: the shared
 * zod schema run in the browser, and a 400 VALIDATION_FAILED from the server whose `details`
 * carry `body.<path>`. Both become a problem code per form path; the message is chosen at
 * render time (see components/FieldMessage.tsx), so it follows the interface language.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { TOO_LONG, textLimitOfIssue } from '../../shared/contracts/limits.ts';
import { ApiError } from './api-client.ts';

/** What is wrong with one field: a code (zod's issue code or one of the server's) and its numbers. */
export type FieldProblem = { code: string; minimum?: number; maximum?: number };
/** Problems by form path (`legalName`, `contacts.1.email`); the first problem of a path wins. */
export type FieldProblems = Record<string, FieldProblem>;

/** Rewrites or drops a path: e.g. collapse `issues.3` to `issues`, or renumber list rows. */
export type PathMapper = (path: readonly PropertyKey[]) => string | null;

const joinPath: PathMapper = (path) => path.map(String).join('.');

function add(problems: FieldProblems, path: string | null, problem: FieldProblem) {
  if (path === null || path in problems) return;
  problems[path] = problem;
}

/** Problems from the issues of a failed `schema.safeParse`. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], mapPath = joinPath): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of issues) {
    // Text over its limit is `too_long`, as the server says it: the same message either way.
    const limit = textLimitOfIssue(issue);
    const problem: FieldProblem = limit === null ? { code: issue.code } : { code: TOO_LONG, maximum: limit };
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') problem.minimum = issue.minimum;
    if (issue.code === 'too_big' && limit === null && typeof issue.maximum === 'number')
      problem.maximum = issue.maximum;
    add(problems, mapPath(issue.path), problem);
  }
  return problems;
}

/**
 * Problems from a server error: VALIDATION_FAILED details (`body.legalName`), a malformed area code,
 * and conflicts that concern one field (EMAIL_TAKEN → `email: taken`). Empty for other errors,
 * which the form shows as a whole.
 */
export function problemsFromApiError(error: unknown, mapPath = joinPath): FieldProblems {
  const problems: FieldProblems = {};
  if (!(error instanceof ApiError)) return problems;
  const fieldCodes: Record<string, string> = { EMAIL_TAKEN: 'taken', AREA_CODE_MALFORMED: 'unknown_area' };
  if (error.code !== 'VALIDATION_FAILED' && !(error.code in fieldCodes)) return problems;
  for (const detail of error.details) {
    const parts = detail.path.split('.');
    if (parts[0] !== 'body' || parts.length < 2) continue;
    const path = parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const problem: FieldProblem = { code: fieldCodes[error.code] ?? detail.code ?? 'invalid' };
    if (typeof detail.limit === 'number') problem.maximum = detail.limit;
    add(problems, mapPath(path), problem);
  }
  return problems;
}

/** True when an ApiError's details point at no field: the form must show it as a whole. */
export function hasFieldProblems(problems: FieldProblems): boolean {
  return Object.keys(problems).length > 0;
}

/**
 * The message for one problem, most specific first: `forms.<form>.errors.<field>.<code>`
 * (field = the path without list indexes), then the generic `validation.<code>`.
 */
export function fieldMessage(t: TFunction, form: string, path: string, problem: FieldProblem): string {
  const field = path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
  return t(
    [`forms.${form}.errors.${field}.${problem.code}`, `validation.${problem.code}`, 'validation.invalid'],
    {
      minimum: problem.minimum,
      maximum: problem.maximum,
    },
  );
}
