import fs from 'node:fs'
import { fileTypeFromBlob } from 'file-type'
import type { StagedUpload } from './stage-upload.ts'

/** What an accepted upload is stored and served as. */
export interface AllowedType {
  /** The media type stored with it and sent as Content-Type. */
  type: string
  /** Its usual extension, for the download's file name. */
  extension: string
  /** Shown in the browser (images, PDF) rather than saved (everything else). */
  inline: boolean
}

const t = (type: string, extension: string, inline = false): AllowedType => ({ type, extension, inline })

/** By what file-type finds in the bytes. Never HTML, SVG, XML or anything that runs. */
const DETECTED: Record<string, AllowedType> = {
  pdf: t('application/pdf', 'pdf', true),
  png: t('image/png', 'png', true),
  apng: t('image/apng', 'png', true),
  jpg: t('image/jpeg', 'jpg', true),
  gif: t('image/gif', 'gif', true),
  webp: t('image/webp', 'webp', true),
  docx: t('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
  xlsx: t('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
  pptx: t('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'),
  odt: t('application/vnd.oasis.opendocument.text', 'odt'),
  ods: t('application/vnd.oasis.opendocument.spreadsheet', 'ods'),
  odp: t('application/vnd.oasis.opendocument.presentation', 'odp'),
}

/**
 * Office files are containers file-type cannot always see into (a docx whose first zip entry is
 * not the one it looks for reads as a plain zip; Word 97 files as any OLE compound file). Only
 * then, and only when the name agrees, does the extension choose among the office types: the
 * bytes must still be that container, and they are served as an attachment with nosniff.
 */
const CONTAINED: Record<string, Record<string, AllowedType>> = {
  zip: {
    docx: DETECTED.docx as AllowedType,
    xlsx: DETECTED.xlsx as AllowedType,
    pptx: DETECTED.pptx as AllowedType,
  },
  cfb: {
    doc: t('application/msword', 'doc'),
    xls: t('application/vnd.ms-excel', 'xls'),
    ppt: t('application/vnd.ms-powerpoint', 'ppt'),
  },
}

/** Names plain text may have: anything else with no magic (page.html, run.js, a PDF that is not one) is refused. */
const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown', 'csv', 'tsv'])
const PLAIN_TEXT = t('text/plain; charset=utf-8', 'txt')

/**
 * Text a browser would take for markup or a script if it ever sniffed: starting with a tag,
 * a comment, a processing instruction or `#!`, or holding an active tag near its start.
 */
const MARKUP_START = /^(?:\uFEFF)?\s*(?:<[!?/a-z]|#!)/i
const ACTIVE_TAG = /<(?:script|svg|html|iframe|object|embed|body|head|style|link|meta)\b/i

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}

/**
 * The type of a staged upload, from its bytes (the name may only narrow, never widen, what is
 * accepted), or null when it is outside the allow-list (415).
 */
export async function allowedType(staged: StagedUpload, fileName: string): Promise<AllowedType | null> {
  const extension = extensionOf(fileName)
  // From a Blob, not fileTypeFromFile: that one imports strtok3 at run time, which the bundled
  // server (pnpm start) cannot resolve; a file-backed Blob is read as a stream, as far as needed.
  const detected = await fileTypeFromBlob(await fs.openAsBlob(staged.path))
  if (detected) return DETECTED[detected.ext] ?? CONTAINED[detected.ext]?.[extension] ?? null
  if (!staged.utf8 || staged.size === 0 || !TEXT_EXTENSIONS.has(extension)) return null
  const start = staged.head.toString('utf8')
  if (MARKUP_START.test(start) || ACTIVE_TAG.test(start)) return null
  return PLAIN_TEXT
}

const ALL = [
  ...Object.values(DETECTED),
  ...Object.values(CONTAINED).flatMap((byName) => Object.values(byName)),
]

/** How a stored type is served: as it was accepted (inline for images and PDF), else as bytes to save. */
export function servedAs(type: string): AllowedType {
  if (type === PLAIN_TEXT.type) return PLAIN_TEXT
  return ALL.find((allowed) => allowed.type === type) ?? t('application/octet-stream', 'bin')
}
