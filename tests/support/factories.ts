/**
 * Test data through the same domain commands the API uses, plus a signed-in HTTP
 * client for app.inject. Each test creates what it needs; nothing is shared.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.ts';
import { createUser } from '../../src/server/modules/accounts/service.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/modules/accounts/sessions.ts';
import { SYSTEM_CONTEXT } from '../../src/server/modules/audit/record-audit.ts';
import {
  createOrganisation,
  type OrganisationInput,
} from '../../src/server/modules/organisations/service.ts';
import type { Role } from '../../src/shared/roles.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Inserts an organisation as the platform (bypassing duplicate checks), returns its id. */
export async function makeOrganisation(
  db: Kysely<DB>,
  overrides: Partial<OrganisationInput> = {},
): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  return createOrganisation(
    db,
    { kind: 'service' },
    {
      legalName: `Organisasi Uji ${suffix}`,
      type: 'ngo',
      issues: [],
      coverageAreas: [],
      contacts: [],
      offers: [],
      areaCode: '52.03',
      confirmDuplicate: true,
      ...overrides,
    },
    SYSTEM_CONTEXT,
  );
}

/** Sets an organisation's verification status directly (no audit entry), for arranging test data. */
export async function setVerificationStatus(
  db: Kysely<DB>,
  id: string,
  status: 'unverified' | 'verified' | 'rejected',
): Promise<void> {
  await db.updateTable('organisations').set({ verification_status: status }).where('id', '=', id).execute();
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A user with the given memberships, password already chosen (no forced change). */
export async function makeUser(
  db: Kysely<DB>,
  memberships: Array<{ organisationId: string; role: Role; areaScope?: string | null }>,
): Promise<TestUser> {
  const email = `user-${randomUUID().slice(0, 12)}@example.org`;
  const id = await createUser(
    db,
    { email, name: 'Pengguna Uji', password: TEST_PASSWORD, mustChangePassword: false },
    SYSTEM_CONTEXT,
  );
  if (memberships.length) {
    await db
      .insertInto('memberships')
      .values(
        memberships.map((m) => ({
          user_id: id,
          organisation_id: m.organisationId,
          role: m.role,
          area_scope: m.areaScope ?? null,
        })),
      )
      .execute();
  }
  return { id, email, password: TEST_PASSWORD };
}

/** An HTTP client holding cookies and the CSRF token, like a browser tab. */
export class Client {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      const value = rest.join('=');
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  async request(options: InjectOptions) {
    if (!this.csrfToken) await this.refreshSession();
    const response = await this.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: this.cookieHeader(), 'x-csrf-token': this.csrfToken },
    });
    this.remember(response.headers['set-cookie']);
    return response;
  }

  async refreshSession() {
    const response = await this.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: this.cookieHeader() },
    });
    this.remember(response.headers['set-cookie']);
    this.csrfToken = response.json().csrfToken;
    return response.json();
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
  /** POSTs one file as multipart/form-data, as a browser's FormData upload does. */
  upload(url: string, file: UploadFile, field = 'file') {
    return this.request({ method: 'POST', url, ...multipartBody(file, field) });
  }

  /** Holds a cookie as if the server had set it (e.g. a session created in the database). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie header this client sends, for hand-made requests (e.g. without the CSRF token). */
  get cookie(): string {
    return this.cookieHeader();
  }

  async login(email: string, password: string = TEST_PASSWORD) {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    // The CSRF secret rotates at sign-in; the answer carries the new token.
    this.csrfToken = response.json().csrfToken;
    return this;
  }
}

export interface UploadFile {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

/** A multipart/form-data body with one file part, for app.inject (headers include the boundary). */
export function multipartBody(file: UploadFile, field = 'file') {
  const boundary = `----simpul-test-${randomUUID()}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.filename}"\r\n` +
    `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function signedIn(app: FastifyInstance, user: TestUser): Promise<Client> {
  return new Client(app).login(user.email, user.password);
}

/**
 * A signed-in client whose session is written straight to the database. For tests that are
 * not about signing in: POST /api/auth/login allows only 10 tries a minute per address.
 */
export async function sessionFor(app: FastifyInstance, user: { id: string }): Promise<Client> {
  const { token } = await createSession(app.database.db, user.id, 1, { ip: null, userAgent: 'vitest' });
  const client = new Client(app);
  client.setCookie(SESSION_COOKIE, token);
  await client.refreshSession();
  return client;
}

/** Status, error code and detail paths of a response, for one-line assertions on API errors. */
export function apiError(response: { statusCode: number; json(): unknown }): {
  status: number;
  code: string | undefined;
  paths: string[];
} {
  const body = response.json() as {
    error?: { code: string; details?: Array<{ path: string }> };
  };
  return {
    status: response.statusCode,
    code: body.error?.code,
    paths: (body.error?.details ?? []).map((d) => d.path),
  };
}

/**
 * Every route the app registers, as "METHOD /url" with Fastify's parameter syntax
 * (e.g. "GET /api/organisations/:id"), read from app.printRoutes() so routes hidden from
 * the OpenAPI document are included. HEAD routes Fastify adds for each GET are listed too.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, -]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    const url = (depth > 0 ? (stack[depth - 1] ?? '') : '') + (match[2] as string);
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (/^[A-Z]+$/.test(method)) routes.push(`${method} ${url}`);
    }
  }
  return routes.sort();
}
