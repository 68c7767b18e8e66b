import { ID_PATTERN } from '@confer/model'
import type { z } from 'zod'
import { notFound, ServiceError } from '../services/service-error.ts'

/** Parses a request part with its schema; the first problem becomes a 400 the user can read. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  throw new ServiceError(400, 'invalid_request', `${where}${issue?.message ?? 'The request is not valid.'}`)
}

/** A path id that cannot exist answers like an unknown one: 404. */
export function idParam(params: unknown, key: string, what: string): string {
  const value = (params as Record<string, unknown>)[key]
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw notFound(what)
  return value
}
