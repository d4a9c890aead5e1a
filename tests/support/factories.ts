/**
 * Test data through the same domain commands the API uses, plus a signed-in HTTP
 * client for app.inject. Each test creates what it needs; nothing is shared.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.ts';
import { createUser } from '../../src/server/modules/accounts/service.ts';
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
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }

  async login(email: string, password: string = TEST_PASSWORD) {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return this;
  }
}

export async function signedIn(app: FastifyInstance, user: TestUser): Promise<Client> {
  return new Client(app).login(user.email, user.password);
}
