import { z } from 'zod'
import { nameSchema } from './names.ts'
import type { Role } from './roles.ts'
import { RoleSchema } from './roles.ts'

export const CommunityNameSchema = nameSchema('name', {
  empty: 'Give the community a name.',
  max: 120,
  tooLong: 'Use at most 120 characters for the name.',
})
export const FocusSchema = z.string().trim().max(2000, 'Use at most 2000 characters for the focus.')

export const CreateCommunityBody = z.strictObject({
  name: CommunityNameSchema,
  focus: FocusSchema.optional(),
})
export const UpdateCommunityBody = z
  .strictObject({ name: CommunityNameSchema.optional(), focus: FocusSchema.optional() })
  .refine((b) => b.name !== undefined || b.focus !== undefined, 'Change the name or the focus.')

export const CreateInviteBody = z.strictObject({
  role: RoleSchema,
  /** Hours until the link stops working: one hour to 30 days; a week by default. */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .optional(),
})
export const ChangeRoleBody = z.strictObject({ role: RoleSchema })

export interface CommunitySummary {
  id: string
  name: string
  role: Role
}

export interface Member {
  userId: string
  name: string
  email: string
  role: Role
}

export interface Community {
  id: string
  name: string
  focus: string
  createdAt: string
  /** The caller's own role. */
  role: Role
  members: Member[]
  networks: { id: string; name: string }[]
}

export interface Invite {
  code: string
  role: Role
  expiresAt: string
}

export interface InvitePreview {
  communityName: string
  role: Role
  expiresAt: string
}

export interface AcceptedInvite {
  communityId: string
  role: Role
}

export interface Me {
  user: { id: string; email: string; name: string }
  communities: CommunitySummary[]
  /** Networks the user sponsors (SPEC PR4): their progress is all a sponsor sees of them. */
  sponsoring: { id: string; name: string }[]
}

/** An invitation link still in force, as its community's facilitators see it (the code is never shown again). */
export interface ActiveInvite {
  id: string
  role: Role
  createdAt: string
  expiresAt: string
}
