import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { RouteAccess } from '../routes/route';
import { type Role, roleSatisfies, strongestRole } from './role-names';

/**
 * The scope every staff route requires of a token. Cognito puts it in access tokens (sign-in with SRP, and
 * the hosted UI when the client allows it) and never in ID tokens, which have no scope: requiring it is how
 * API Gateway tells an access token from an ID token.
 */
export const STAFF_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

export interface Caller {
  subject: string;
  username?: string;
  role: Role;
}

/**
 * Cognito puts the caller's groups in `cognito:groups`. API Gateway's JWT authorizer hands claims to Lambda
 * flattened to strings, so an array arrives as `"[admin staff]"`; a JSON array string or a real array
 * (other callers, tests) are accepted too.
 */
export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  const text = claim.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: fall through to the authorizer's bracketed form
    }
  }
  // The authorizer joins an array claim with spaces: "[viewer admin]". Cognito group names hold no white
  // space but may hold commas, so a group named "viewer,admin" is that one group, never two.
  return text
    .replace(/^\[|\]$/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** The caller a route admits, from the authorizer's verified claims; public routes admit everyone. */
export function admitCaller(access: RouteAccess, claims: Record<string, unknown> | undefined): Caller | undefined {
  if (access.kind === 'public') return undefined;
  if (!claims || typeof claims.sub !== 'string') throw new UnauthenticatedError();
  const role = strongestRole(groupsFromClaim(claims['cognito:groups']));
  if (!role) throw new ForbiddenError('Your account has no Voxcitio role; ask an administrator for one.');
  if (!roleSatisfies(role, access.role))
    throw new ForbiddenError(`This needs the ${access.role} role or a stronger one; you have ${role}.`);
  const username = claims.username ?? claims['cognito:username'];
  return { subject: claims.sub, role, ...(typeof username === 'string' && { username }) };
}
