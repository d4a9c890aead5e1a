/**
 * What every module's routes.ts shares, so the four route files stop copying it: the roles that
 * may write registry records, the error responses a route declares, and the id / version
 * parameters. Routes stay "schema → access → one call → reply".
 */
import { z } from 'zod';
import { errorBody } from '../../shared/contracts/common.ts';

/** Roles that may create and edit organisations, programs and partnerships (object rules apply on top). */
export const EDITORS = ['platform_admin', 'coordinator', 'org_admin', 'org_editor'] as const;

/** Error responses of a route that reads or writes a record on behalf of a signed-in user. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
} as const;

/** Error responses of a public read (no session needed). */
export const publicErrorResponses = { 400: errorBody, 404: errorBody } as const;

/** `:id` path parameter of a record. */
export const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) }).strict();

/** `?version=` of a delete or other bodiless write guarded by optimistic locking. */
export const versionQuery = z.object({ version: z.coerce.number().int().min(1) }).strict();

/** `{ ok: true }` reply of a write that returns nothing else. */
export const okReply = z.object({ ok: z.literal(true) });
