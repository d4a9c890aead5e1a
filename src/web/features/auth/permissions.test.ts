import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../shared/contracts/accounts.ts';
import type { Role } from '../../../shared/roles.ts';
import {
  administeredOrganisationIds,
  canCreateOrganisations,
  canCreatePrograms,
  canEditIssues,
  canImportOrganisations,
  canReadAudit,
  canUseAdmin,
  canVerifyOrganisation,
  safeNextPath,
} from './permissions.ts';

const ORG = '11111111-1111-4111-8111-111111111111';
function user(...memberships: Array<[Role, string | null]>): SessionUser {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'x@simpul.demo',
    name: 'X',
    mustChangePassword: false,
    memberships: memberships.map(([role, areaScope], i) => ({
      id: `33333333-3333-4333-8333-33333333333${i}`,
      organisationId: ORG,
      organisationName: 'Org',
      role,
      areaScope,
    })),
  };
}

describe('what the interface offers to whom (mirrors docs/access.md)', () => {
  it('offers "new program" to organisation editors, coordinators and administrators only', () => {
    for (const role of ['org_admin', 'org_editor', 'coordinator', 'platform_admin'] as const) {
      expect(canCreatePrograms(user([role, null])), role).toBe(true);
    }
    for (const role of ['viewer', 'field_facilitator', 'auditor'] as const) {
      expect(canCreatePrograms(user([role, null])), role).toBe(false);
    }
    expect(canCreatePrograms(null)).toBe(false);
  });

  it('lets editors register organisations, and coordinators and admins import them', () => {
    expect(canCreateOrganisations(user(['org_editor', null]))).toBe(true);
    expect(canCreateOrganisations(user(['viewer', null]))).toBe(false);
    expect(canCreateOrganisations(null)).toBe(false);
    expect(canImportOrganisations(user(['coordinator', '52.03']))).toBe(true);
    expect(canImportOrganisations(user(['org_admin', null]))).toBe(false);
  });

  it('lets coordinators verify only inside their area', () => {
    const lotim = user(['coordinator', '52.03']);
    expect(canVerifyOrganisation(lotim, '52.03.01.2002')).toBe(true);
    expect(canVerifyOrganisation(lotim, '52.03')).toBe(true);
    expect(canVerifyOrganisation(lotim, '52.030')).toBe(false);
    expect(canVerifyOrganisation(lotim, '52.01')).toBe(false);
    expect(canVerifyOrganisation(user(['platform_admin', null]), '52.01')).toBe(true);
    expect(canVerifyOrganisation(user(['org_admin', null]), '52.01')).toBe(false);
  });

  it('offers Admin to those who can use a part of it', () => {
    expect(canEditIssues(user(['coordinator', null]))).toBe(true);
    expect(canEditIssues(user(['coordinator', '52.03']))).toBe(false);
    expect(canReadAudit(user(['auditor', null]))).toBe(true);
    expect(canUseAdmin(user(['auditor', null]))).toBe(true);
    expect(canUseAdmin(user(['org_admin', null]))).toBe(true);
    expect(canUseAdmin(user(['coordinator', '52.03']))).toBe(false);
    expect(canUseAdmin(user(['org_editor', null], ['viewer', null]))).toBe(false);
    expect(canUseAdmin(null)).toBe(false);
  });

  it('limits organisation admins to granting in their own organisations', () => {
    expect(administeredOrganisationIds(user(['platform_admin', null]))).toBeNull();
    expect(administeredOrganisationIds(user(['org_admin', null], ['org_editor', null]))).toEqual([ORG]);
  });
});

describe('safeNextPath', () => {
  it('returns paths inside the app and refuses other sites', () => {
    expect(safeNextPath('/mitra/baru?x=1')).toBe('/mitra/baru?x=1');
    expect(safeNextPath('//evil.example/x')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/masuk?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});
