import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiGet, serverErrorMessage, withQuery } from './api-client.ts';

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
