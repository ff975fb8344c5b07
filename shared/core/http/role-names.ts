/**
 * Staff roles, weakest first. Each role can do everything the roles before it can:
 * viewer reads; staff creates and edits; manager also deletes and runs sends and imports;
 * admin also manages the team and settings.
 */
export const ROLES = ['viewer', 'staff', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const rank = (role: Role): number => ROLES.indexOf(role);

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The strongest role among a caller's groups, or undefined when none of the groups is a role. */
export function strongestRole(groups: readonly string[]): Role | undefined {
  let best: Role | undefined;
  for (const group of groups) {
    if (isRole(group) && (best === undefined || rank(group) > rank(best))) best = group;
  }
  return best;
}

export const roleSatisfies = (held: Role, required: Role): boolean => rank(held) >= rank(required);
