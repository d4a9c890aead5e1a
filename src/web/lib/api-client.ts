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
    readonly details: Array<{ path: string; message: string; code?: string; limit?: number }> = [],
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
  return parseAnswer(response, schema);
}

/**
 * Where writes get their CSRF token: the session (see features/auth/session.ts) registers a
 * source at start-up. `refresh` asks the server for a new token, e.g. after it refused one.
 */
export type CsrfTokenSource = { current: () => Promise<string>; refresh: () => Promise<string> };

let csrfSource: CsrfTokenSource | null = null;

/** Registers where writes take their CSRF token from (called once by the app, and by tests). */
export function setCsrfTokenSource(source: CsrfTokenSource | null): void {
  csrfSource = source;
}

async function csrfToken(refresh: boolean): Promise<string> {
  if (!csrfSource) throw new Error('no CSRF token source registered (setCsrfTokenSource)');
  return refresh ? csrfSource.refresh() : csrfSource.current();
}

async function parseAnswer<T>(response: Response, schema: z.ZodType<T> | undefined): Promise<T> {
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

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends a state-changing request with the session's CSRF token and a JSON body, and checks the
 * answer against the shared contract. A refused token (it rotates when the session changes) is
 * fetched anew and the request sent once more: the server refused it before doing anything.
 */
export async function apiSend<T>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  schema?: z.ZodType<T>,
  options: { signal?: AbortSignal } = {},
): Promise<T> {
  const send = async (refreshToken: boolean): Promise<Response> => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-csrf-token': await csrfToken(refreshToken),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
        signal: options.signal ?? null,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError('NETWORK_ERROR', 0, cause instanceof Error ? cause.message : String(cause), null);
    }
  };
  let response = await send(false);
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (error.code !== 'CSRF_INVALID') throw error;
    response = await send(true);
    if (!response.ok) throw await errorFromResponse(response);
  }
  // 204 No Content (a deletion) has no body to parse.
  if (response.status === 204) return undefined as T;
  return parseAnswer(response, schema);
}

export type UploadProgress = {
  /** Bytes sent so far and in all; `total` is 0 when the browser cannot tell. */
  loaded: number;
  total: number;
  /** True once every byte has left the browser: the server is now reading the file. */
  done: boolean;
};

/**
 * POSTs a multipart form (a file upload) with the CSRF token, reporting upload progress.
 * fetch() cannot report request progress, so this one uses XMLHttpRequest.
 */
export async function apiUpload<T>(
  path: string,
  form: FormData,
  schema: z.ZodType<T>,
  onProgress?: (progress: UploadProgress) => void,
): Promise<T> {
  const token = await csrfToken(false);
  const response = await new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) =>
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0, done: false });
    xhr.upload.onload = () => onProgress?.({ loaded: 1, total: 1, done: true });
    xhr.onload = () => {
      const headers = new Headers();
      const requestId = xhr.getResponseHeader('x-request-id');
      if (requestId) headers.set('x-request-id', requestId);
      resolve(new Response(xhr.responseText, { status: xhr.status, headers }));
    };
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', 0, 'upload failed', null));
    xhr.send(form);
  });
  if (!response.ok) throw await errorFromResponse(response);
  return parseAnswer(response, schema);
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
