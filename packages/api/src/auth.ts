import { z } from 'zod'
import { COMMON_PASSWORDS } from './common-passwords.ts'
import { nameSchema } from './names.ts'

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address.' }))
const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()))

export const PasswordSchema = z
  .string()
  .min(10, 'Use at least 10 characters for your password.')
  .max(200, 'Use at most 200 characters for your password.')
  .refine((p) => p.trim().length > 0, 'A password cannot be only spaces. Try a few words you will remember.')
  .refine(
    (p) => !COMMON.has(p.trim().toLowerCase()),
    'That password is one of the most common ones, the first that anyone guessing would try. Choose another.',
  )
export const DisplayNameSchema = nameSchema('name', {
  empty: 'Enter your name.',
  max: 80,
  tooLong: 'Use at most 80 characters for your name.',
})

export const SignupBody = z.strictObject({
  email: EmailSchema,
  name: DisplayNameSchema,
  password: PasswordSchema,
})
export type SignupBody = z.infer<typeof SignupBody>

export const LoginBody = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, 'Enter your password.').max(200),
})
export type LoginBody = z.infer<typeof LoginBody>

export const CreateTokenBody = z
  .strictObject({
    /** Lifetime in seconds: one minute to 90 days; a day by default. */
    ttlSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 24 * 3600)
      .optional(),
  })
  .default({})

export interface User {
  id: string
  email: string
  name: string
}

export interface TokenResponse {
  token: string
  expiresAt: string
}

/** POST /api/auth/logout-everywhere (no body): how many sessions and tokens were revoked. */
export interface LogoutEverywhereResponse {
  revoked: number
}
