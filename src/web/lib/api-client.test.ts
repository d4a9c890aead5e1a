import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ApiError,
  apiGet,
  apiSend,
  serverErrorMessage,
  setCsrfTokenSource,
  withQuery,
} from './api-client.ts';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfTokenSource(null);
});

describe('apiGet', () => {
  it('returns the parsed body when it matches the schema', async () => {
    vi.stubGlobal('fetch', answer(200, { items: [1, 2] }));
    await expect(apiGet('/api/x', z.object({ items: z.array(z.number()) }))).resolves.toEqual({
      items: [1, 2],
    });
  });

  it('turns an API error body into an ApiError with code, status and request id', async () => {
    vi.stubGlobal(
      'fetch',
      answer(404, { error: { code: 'AREA_NOT_FOUND', message: 'Area 52.99 not found', requestId: 'req-7' } }),
    );
    const error = await apiGet('/api/areas/52.99').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'AREA_NOT_FOUND',
      status: 404,
      requestId: 'req-7',
      isNotFound: true,
    });
    expect((error as ApiError).isClientError).toBe(true);
  });

  it('reports a body that breaks the contract as RESPONSE_INVALID', async () => {
    vi.stubGlobal('fetch', answer(200, { items: 'nope' }, { 'x-request-id': 'req-9' }));
    await expect(apiGet('/api/x', z.object({ items: z.array(z.number()) }))).rejects.toMatchObject({
      code: 'RESPONSE_INVALID',
      requestId: 'req-9',
    });
  });

  it('reports an unreachable server as NETWORK_ERROR with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    await expect(apiGet('/api/x')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      requestId: null,
    });
  });

  it('accepts a listed non-2xx status as an answer (a degraded health check is still a report)', async () => {
    vi.stubGlobal('fetch', answer(503, { status: 'degraded' }));
    await expect(apiGet('/api/health', undefined, { acceptStatuses: [503] })).resolves.toEqual({
      status: 'degraded',
    });
  });
});

describe('apiSend', () => {
  it('sends JSON with the session’s CSRF token and checks the answer', async () => {
    setCsrfTokenSource({ current: async () => 'token-1', refresh: async () => 'token-2' });
    const fetchMock = answer(201, { id: 7 });
    vi.stubGlobal('fetch', fetchMock);
    await expect(
      apiSend('POST', '/api/things', { name: 'x' }, z.object({ id: z.number() })),
    ).resolves.toEqual({
      id: 7,
    });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/things');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"name":"x"}');
    expect(init.headers).toMatchObject({ 'x-csrf-token': 'token-1', 'content-type': 'application/json' });
  });

  it('resolves a 204 No Content answer (a deletion) without parsing a body', async () => {
    setCsrfTokenSource({ current: async () => 'token-1', refresh: async () => 'token-2' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(apiSend('DELETE', '/api/things/7?version=2')).resolves.toBeUndefined();
  });

  it('fetches a new token and sends once more when the server refused the token', async () => {
    setCsrfTokenSource({ current: async () => 'stale', refresh: async () => 'fresh' });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({ error: { code: 'CSRF_INVALID', message: 'bad token', requestId: 'r1' } }),
          {
            status: 403,
          },
        ),
      )
      .mockResolvedValueOnce(new Response(JSON.stringify({ ok: true }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiSend('POST', '/api/auth/logout')).resolves.toEqual({ ok: true });
    const tokens = fetchMock.mock.calls.map(
      ([, init]) => (init as { headers: Record<string, string> }).headers['x-csrf-token'],
    );
    expect(tokens).toEqual(['stale', 'fresh']);
  });

  it('does not repeat other refusals, and keeps their details for the form', async () => {
    setCsrfTokenSource({ current: async () => 't', refresh: async () => 't' });
    const details = [{ path: 'body.legalName', message: 'Too small', code: 'too_small' }];
    const fetchMock = answer(400, {
      error: { code: 'VALIDATION_FAILED', message: 'invalid', requestId: 'r2', details },
    });
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiSend('PATCH', '/api/organisations/x', {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details,
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('serverErrorMessage', () => {
  it('gives the Indonesian and English message of a known code, null for others', () => {
    expect(serverErrorMessage('AREA_NOT_FOUND', 'id')).toBe('Wilayah tidak ditemukan.');
    expect(serverErrorMessage('AREA_NOT_FOUND', 'en')).toBe('Area not found.');
    expect(serverErrorMessage('SOMETHING_ELSE', 'id')).toBeNull();
    expect(serverErrorMessage('toString', 'id')).toBeNull();
  });
});

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/api/areas/search', { q: 'hu u', within: undefined, limit: 15, level: '' })).toBe(
      '/api/areas/search?q=hu+u&limit=15',
    );
    expect(withQuery('/api/areas', {})).toBe('/api/areas');
  });
});
