/**
 * Who reads the audit trail and its chain check: auditors and platform administrators. Nobody
 * edits it: there is no write route, and the database refuses UPDATE, DELETE and TRUNCATE.
 */
export const AUDIT_READERS = ['auditor', 'platform_admin'] as const;
