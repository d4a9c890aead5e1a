/**
 * The first administrator, created from the command line (there is nobody yet to
 * create them through the web). A random temporary password is printed once and must
 * be changed at first sign-in, unless one is piped in with --password-stdin.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, SYSTEM_CONTEXT } from '../audit/record-audit.ts';
import { hashPassword } from './passwords.ts';

export interface CreateAdminInput {
  email: string;
  name: string;
  /** Organisation key the admin belongs to; default: the provincial LKKS, created if missing. */
  organisationKey?: string | undefined;
  password?: string | undefined;
}

export async function createFirstAdmin(
  db: Kysely<DB>,
  input: CreateAdminInput,
): Promise<{ userId: string; temporaryPassword: string | null }> {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email))
    throw new AppError('VALIDATION_FAILED', `"${input.email}" is not an email address`);
  if (input.password !== undefined && input.password.length < 10) {
    throw new AppError('VALIDATION_FAILED', 'The password must have at least 10 characters');
  }
  const temporaryPassword = input.password === undefined ? randomBytes(12).toString('base64url') : null;
  const hash = await hashPassword(input.password ?? (temporaryPassword as string));
  return db.transaction().execute(async (trx) => {
    let org = input.organisationKey
      ? await trx
          .selectFrom('organisations')
          .select('id')
          .where('key', '=', input.organisationKey)
          .executeTakeFirst()
      : await trx
          .selectFrom('organisations')
          .select('id')
          .where('type', '=', 'lkks')
          .where('level', '=', 'province')
          .orderBy('created_at')
          .executeTakeFirst();
    if (!org && input.organisationKey)
      throw new AppError('ORGANISATION_NOT_FOUND', `No organisation with key ${input.organisationKey}`);
    if (!org) {
      const province = await trx
        .selectFrom('areas')
        .select(['code', 'name'])
        .where('level', '=', 'province')
        .orderBy('code')
        .executeTakeFirst();
      if (!province) throw new AppError('AREA_NOT_FOUND', 'Load a province first: simpul areas:load 52');
      org = await trx
        .insertInto('organisations')
        .values({
          key: `lkks-${province.code}`,
          legal_name: `LKKS Provinsi ${province.name}`,
          name_search: `lkks provinsi ${province.name.toLowerCase()}`,
          type: 'lkks',
          level: 'province',
          area_code: province.code,
          registered_by_org_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (existing) throw new AppError('EMAIL_TAKEN', `${input.email} already has an account`);
    const { id } = await trx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        password_hash: hash,
        must_change_password: temporaryPassword !== null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('memberships')
      .values({ user_id: id, organisation_id: org.id, role: 'platform_admin', area_scope: null })
      .execute();
    await recordAudit(trx, SYSTEM_CONTEXT, {
      action: 'create',
      entityType: 'user',
      entityId: id,
      after: { role: 'platform_admin', via: 'cli' },
    });
    return { userId: id, temporaryPassword };
  });
}
