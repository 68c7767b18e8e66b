import { z } from 'zod'
import { nameSchema } from './names.ts'

/**
 * A community's shared resources (DESIGN §3, SPEC RS1–RS9): links, and files uploaded through
 * `POST /api/communities/:id/resources` (multipart `file` + optional `title`) and served by
 * `GET /api/resources/:id/content`.
 */

export const RESOURCE_TITLE_MAX = 200
export const RESOURCE_URL_MAX = 2048
/** MAX_UPLOAD_BYTES' default: 25 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024
/** Newest first, at most this many in one list. */
export const RESOURCE_LIST_MAX = 500

export const ResourceTitleSchema = nameSchema('title', {
  empty: 'Give the resource a title.',
  max: RESOURCE_TITLE_MAX,
})

/** An http or https address; anything else (javascript:, data:, file:) is refused. */
export const ResourceUrlSchema = z
  .string()
  .trim()
  .min(1, 'Give the address of the link.')
  .max(RESOURCE_URL_MAX, `Use an address of at most ${RESOURCE_URL_MAX} characters.`)
  .refine((text) => {
    try {
      const url = new URL(text)
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
    } catch {
      return false
    }
  }, 'Links must be web addresses starting with http:// or https://.')

export const CreateLinkBody = z.strictObject({
  url: ResourceUrlSchema,
  title: ResourceTitleSchema.optional(),
})

export type ResourceKind = 'file' | 'link'

export interface Resource {
  id: string
  kind: ResourceKind
  title: string
  /** A link's address, or the file's `/api/resources/:id/content`. */
  url: string
  /** Files only: bytes and the stored media type (checked on the bytes at upload). */
  size?: number
  type?: string
  /** ISO 8601. */
  createdAt: string
  /** Who added it (they may delete it, as may a facilitator). */
  addedBy: { userId: string; name: string }
}

export interface ResourceCreated {
  resource: Resource
}

export interface ResourceList {
  resources: Resource[]
}

/** What the upload route accepts, for the file picker's `accept` and the messages (the server checks the bytes). */
export const UPLOAD_ACCEPT = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.doc',
  '.xls',
  '.ppt',
  '.txt',
  '.md',
  '.csv',
].join(',')

/** Images a note may show inline. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
