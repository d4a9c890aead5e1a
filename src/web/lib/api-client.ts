import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors.ts';
import type { Locale } from '../../shared/format.ts';

/**
 * Codes the client raises itself, when no usable answer came from the server.
 * They are kept apart from the server's ERROR_CODES and translated through i18n.
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'RESPONSE_INVALID';

/** An API failure with everything the UI needs to explain it and the operator needs to trace it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** Server error code (see src/shared/errors.ts) or a client-side code. */
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's message (English, for logs); the UI shows the localised one. */
    message: string,
    /** Request id to quote when reporting the problem; null when there was no answer. */
    readonly requestId: string | null,
    readonly details: Array<{ path: string; message: string; code?: string }> = [],
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** 4xx answers will not change when asked again, so they are not worth a retry. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The Indonesian or English message for a server error code, or null when the code is not one of ours. */
export function serverErrorMessage(code: string, locale: Locale): string | null {
  return isKnownErrorCode(code) ? ERROR_CODES[code][locale] : null;
}

type ErrorBodyShape = {
  error?: { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown };
};

async function errorFromResponse(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('x-request-id');
  let body: ErrorBodyShape | null = null;
  try {
    body = (await response.json()) as ErrorBodyShape;
  } catch {
    // Not JSON (a proxy error page, for instance): fall through to a generic error.
  }
  const error = body?.error;
  const code =
    typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL_ERROR' : 'NOT_FOUND';
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  const requestId = typeof error?.requestId === 'string' ? error.requestId : headerRequestId;
  const details = Array.isArray(error?.details) ? (error.details as ApiError['details']) : [];
  return new ApiError(code, response.status, message, requestId, details);
}

export type ApiGetOptions = {
  signal?: AbortSignal;
  /** Non-2xx statuses whose body is still the expected answer (e.g. 503 from a degraded health check). */
  acceptStatuses?: number[];
};

/**
 * GETs a JSON resource from the API. With a schema, the answer is checked against the shared
 * contract so a drift between server and client shows up as a clear error instead of a blank page.
 */
export async function apiGet<T>(
  path: string,
  schema?: z.ZodType<T>,
  options: ApiGetOptions = {},
): Promise<T> {
  const { signal, acceptStatuses = [] } = options;
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK_ERROR', 0, cause instanceof Error ? cause.message : String(cause), null);
  }
  if (!response.ok && !acceptStatuses.includes(response.status)) throw await errorFromResponse(response);

  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw new ApiError(
      'RESPONSE_INVALID',
      response.status,
      String(cause),
      response.headers.get('x-request-id'),
    );
  }
  if (!schema) return json as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      'RESPONSE_INVALID',
      response.status,
      parsed.error.message,
      response.headers.get('x-request-id'),
    );
  }
  return parsed.data;
}

/** Builds `path?a=1&b=2`, leaving out undefined and empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
