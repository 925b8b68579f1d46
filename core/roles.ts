/** Each role can do what the roles after it can: admin ⊇ editor ⊇ reviewer. */
export const roles = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { admin: 3, editor: 2, reviewer: 1 };

export const hasRole = (actual: string, required: Role): boolean => (rank[actual as Role] ?? 0) >= rank[required];
