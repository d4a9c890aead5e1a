/**
 * The HTTP side of errors: AppError (src/server/errors.ts) and Fastify's, zod's and the
 * database's errors become the one JSON shape
 * { error: { code, message, requestId, details? } }. Unknown errors become a generic
 * 500 with the request id, never a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { TOO_LONG, textLimitOfIssue, tooLongMessage } from '../../shared/contracts/limits.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { isDatabaseUnavailable } from '../db/engine.ts';
import { AppError, type ErrorDetail } from '../errors.ts';

/** Maps Fastify's own error codes (body parsing, limits) to ours. */
function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'The request body is not valid JSON', [
        { path: 'body', message: 'invalid JSON' },
      ]);
    default:
      break;
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && error.message.includes('JSON'))) {
    return new AppError('VALIDATION_FAILED', 'The request body is not valid JSON', [
      { path: 'body', message: 'invalid JSON' },
    ]);
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  // Any other client error raised by Fastify or a plugin (multipart limits, content types…)
  // keeps its 4xx meaning under one of our codes instead of becoming a 500.
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', error.message);
  if (status === 415 || status === 406) return new AppError('UNSUPPORTED_MEDIA_TYPE', error.message);
  if (status >= 400 && status < 500 && String(error.code ?? '').startsWith('FST_')) {
    return new AppError('VALIDATION_FAILED', error.message);
  }
  return null;
}

/**
 * Database errors with a meaning for the client: no database to answer (503, try again later),
 * a unique key taken by a concurrent request (the check before the insert passed for both), or
 * text PostgreSQL cannot store (a NUL byte).
 */
const UNIQUE_CONSTRAINT_ERRORS: Record<string, ErrorCode> = {
  users_email_key: 'EMAIL_TAKEN',
  organisations_key_key: 'ORGANISATION_KEY_TAKEN',
  programs_key_key: 'PROGRAM_KEY_TAKEN',
  partnerships_key_key: 'PARTNERSHIP_KEY_TAKEN',
  issues_pkey: 'ISSUE_EXISTS',
};

function fromDatabaseError(error: unknown): AppError | null {
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE');
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23505' && constraint && UNIQUE_CONSTRAINT_ERRORS[constraint]) {
    return new AppError(UNIQUE_CONSTRAINT_ERRORS[constraint]);
  }
  if (code === '22021' || code === '22P05') {
    return new AppError(
      'VALIDATION_FAILED',
      'Text contains a character that cannot be stored (e.g. a NUL byte)',
    );
  }
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError | null = null;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const details: ErrorDetail[] = error.validation.map((issue) => {
        const where = error.validationContext ?? 'request';
        const path = [where, ...(issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [])];
        const keys = (issue.params as { keys?: string[] } | undefined)?.keys;
        if (issue.keyword === 'unrecognized_keys' && keys) {
          return {
            path: path.join('.'),
            message: `unknown parameter(s): ${keys.join(', ')}`,
            code: 'unknown_parameter',
          };
        }
        // Text over its limit gets its own code and the limit, so a form (or script) can say
        // "at most 300 characters" instead of a generic "too big".
        const limit = textLimitOfIssue({ code: issue.keyword, ...(issue.params as object) });
        if (limit !== null) {
          return { path: path.join('.'), message: tooLongMessage(limit), code: TOO_LONG, limit };
        }
        return { path: path.join('.'), message: issue.message ?? 'invalid', code: issue.keyword };
      });
      // A malformed area code is its own stable error, distinct from an unknown one. When other
      // fields are wrong too, all of them are reported under VALIDATION_FAILED so a form can show
      // every problem at once; the area field then carries the detail code area_code_malformed.
      const marked = details.map((d) =>
        d.message === 'AREA_CODE_MALFORMED'
          ? { ...d, message: 'malformed area code', code: 'area_code_malformed' }
          : d,
      );
      const onlyAreaCodes = marked.every((d) => d.code === 'area_code_malformed');
      appError = new AppError(onlyAreaCodes ? 'AREA_CODE_MALFORMED' : 'VALIDATION_FAILED', undefined, marked);
    } else {
      appError = fromFastifyError(error);
    }

    if (!appError) appError = fromDatabaseError(error);
    if (!appError) {
      // Log what identifies the bug, never the request or a database error's `detail`
      // ("Key (email)=(…) already exists"): both can carry personal data.
      const serialization = isResponseSerializationError(error);
      const dbError = error as FastifyError & { constraint?: string; detail?: string };
      request.log.error(
        {
          err: {
            type: dbError.name,
            message: dbError.message,
            code: dbError.code,
            constraint: dbError.constraint,
            stack: dbError.stack,
          },
          serialization,
        },
        'unhandled error',
      );
      appError = new AppError('INTERNAL_ERROR');
    }
    return reply.status(appError.status).send({
      error: {
        code: appError.code,
        message: appError.message,
        requestId: request.id,
        ...(appError.details ? { details: appError.details } : {}),
      },
    });
  });
}

/** 404 for API paths (and everything when no web app is served) in the common error shape. */
export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send({
    error: {
      code: 'NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    },
  });
}
