/**
 * The server's one error type. Domain code (services, queries, importers) throws AppError with a
 * stable code from src/shared/errors.ts and never imports anything HTTP; `http/errors.ts` turns
 * every error into the one JSON shape { error: { code, message, requestId, details? } }.
 */
import { ERROR_CODES, type ErrorCode } from '../shared/errors.ts';

export interface ErrorDetail {
  path: string;
  message: string;
  code?: string;
  /** For `too_long`: the most characters the field accepts. */
  limit?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message ?? ERROR_CODES[code].en);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
