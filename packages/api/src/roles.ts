import { z } from 'zod'

/** facilitator: everything; member: edits meeting and charter documents; observer: reads only. */
export const ROLES = ['facilitator', 'member', 'observer'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

const RANK: Record<Role, number> = { observer: 0, member: 1, facilitator: 2 }

/** True when `role` may do what `required` may do. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required]
}

export const canEdit = (role: Role): boolean => roleAtLeast(role, 'member')
