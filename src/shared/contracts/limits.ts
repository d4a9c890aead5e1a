/**
 * The one list of text lengths every write accepts (API, web forms and imports read it
 * from here). Over-long text is refused with the detail code `too_long` and the limit,
 * never cut: a cut title or description loses what the writer meant without telling them.
 */
import { z } from 'zod';

/** Maximum characters (after trimming) of each kind of text field. */
export const TEXT_LIMITS = {
  /** Program and partnership titles. */
  title: 300,
  /** Program, partnership and organisation descriptions. */
  description: 5000,
  /** An organisation's legal name. */
  legalName: 200,
  shortName: 60,
  address: 500,
  website: 300,
  /** A person's name: contact persons and user accounts. */
  personName: 120,
  position: 120,
  email: 200,
  agreementNumber: 120,
  /** In-kind contributions and expertise commitments. */
  commitment: 500,
  documentTitle: 200,
  documentUrl: 1000,
  issueName: 100,
  issueDescription: 1000,
} as const;
export type TextLimitField = keyof typeof TEXT_LIMITS;

/** Detail code of a text over its limit (in API details, form problems and import problems). */
export const TOO_LONG = 'too_long';

/** Trimmed text of at most `max` characters; longer text fails with a too_long problem. */
export function boundedText(max: number) {
  return z.string().trim().max(max);
}

/**
 * The limit a zod issue reports when it is a text over its maximum, else null. Zod calls
 * it `too_big` with `origin: 'string'` (arrays and numbers are too_big too, with other origins).
 */
export function textLimitOfIssue(issue: {
  code?: string;
  origin?: unknown;
  maximum?: unknown;
}): number | null {
  if (issue.code !== 'too_big' || issue.origin !== 'string') return null;
  const maximum = Number(issue.maximum);
  return Number.isFinite(maximum) ? maximum : null;
}

/** The English message of a too_long problem (the web client words it in the reader's language). */
export function tooLongMessage(limit: number, length?: number): string {
  return length === undefined
    ? `at most ${limit} characters`
    : `at most ${limit} characters (this has ${length})`;
}
