import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/core/errors';
import { admitCaller, groupsFromClaim } from '../../../shared/core/http/auth';
import { strongestRole } from '../../../shared/core/http/role-names';

describe('groupsFromClaim', () => {
  it('reads the HTTP API JWT authorizer form "[admin staff]"', () => {
    expect(groupsFromClaim('[admin staff]')).toEqual(['admin', 'staff']);
    expect(groupsFromClaim('[viewer]')).toEqual(['viewer']);
    expect(groupsFromClaim('[]')).toEqual([]);
  });
  it('reads real arrays and JSON array strings', () => {
    expect(groupsFromClaim(['manager', 'staff'])).toEqual(['manager', 'staff']);
    expect(groupsFromClaim('["manager","viewer"]')).toEqual(['manager', 'viewer']);
  });
  it('splits only where the authorizer does, on spaces: a group named "viewer,admin" is one group', () => {
    expect(groupsFromClaim('[viewer,admin]')).toEqual(['viewer,admin']);
    expect(groupsFromClaim('[viewer,admin staff]')).toEqual(['viewer,admin', 'staff']);
    expect(strongestRole(groupsFromClaim('[viewer,admin]'))).toBeUndefined();
  });
  it('reads a bare group name and nothing from nothing', () => {
    expect(groupsFromClaim('staff')).toEqual(['staff']);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim(42)).toEqual([]);
  });
});

describe('strongestRole', () => {
  it('picks the strongest role and ignores groups that are not roles', () => {
    expect(strongestRole(['viewer', 'admin', 'staff'])).toBe('admin');
    expect(strongestRole(['ward-officers', 'staff'])).toBe('staff');
    expect(strongestRole(['ward-officers'])).toBeUndefined();
  });
});

describe('admitCaller', () => {
  const staffRoute = { kind: 'staff', role: 'staff' } as const;

  it('admits public routes without claims', () => {
    expect(admitCaller({ kind: 'public' }, undefined)).toBeUndefined();
  });
  it('401 without claims or subject', () => {
    expect(() => admitCaller(staffRoute, undefined)).toThrow(UnauthenticatedError);
    expect(() => admitCaller(staffRoute, { 'cognito:groups': '[admin]' })).toThrow(UnauthenticatedError);
  });
  it('403 for no role and for a weaker role', () => {
    expect(() => admitCaller(staffRoute, { sub: 's', 'cognito:groups': '[]' })).toThrow(ForbiddenError);
    expect(() => admitCaller(staffRoute, { sub: 's', 'cognito:groups': '[viewer]' })).toThrow(/needs the staff role/);
  });
  it('admits an equal or stronger role, with the username', () => {
    expect(admitCaller(staffRoute, { sub: 's', username: 'ann', 'cognito:groups': '[viewer manager]' })).toEqual({
      subject: 's',
      username: 'ann',
      role: 'manager',
    });
  });
});
