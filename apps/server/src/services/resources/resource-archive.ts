import type { ResourceRecord, ResourceStore } from '../../stores/resource-store.ts'
import type { ArchiveSource } from '../exports/export-service.ts'
import { type ArchiveEntry, safeFileName, UniquePaths } from '../exports/zip-stream.ts'
import { field, safeHref } from '../summary/markdown-text.ts'
import { extensionOf, servedAs } from './allowed-types.ts'

/** Every resource a community has, for its archive: far more than a page would list. */
const ARCHIVE_MAX = 1_000_000

/**
 * A community's resources in its archive (SPEC X6, RS3): each file under `resources/` with its
 * title and the extension of its stored type, and the links in `resources/links.md`. Bytes are
 * read from the store as the zip is written, one chunk at a time.
 */
export function resourceArchive(store: ResourceStore): ArchiveSource {
  return async function* entries(communityId: string): AsyncGenerator<ArchiveEntry> {
    const oldestFirst = (await store.resources(communityId, ARCHIVE_MAX)).reverse()
    const links = oldestFirst.filter((r) => r.kind === 'link')
    if (links.length > 0) yield { path: 'resources/links.md', content: async () => linksMarkdown(links) }
    const paths = new UniquePaths()
    for (const file of oldestFirst) {
      const hash = file.contentHash
      if (file.kind !== 'file' || hash === null) continue
      const { extension, type } = servedAs(file.type ?? '')
      const stem =
        extensionOf(file.title) === extension ? file.title.slice(0, -(extension.length + 1)) : file.title
      yield {
        path: paths.take('resources/', safeFileName(stem, 'File'), `.${extension}`),
        content: () => bytes(store, hash),
        // Images, PDF and office files are compressed already; text is worth deflating.
        stored: !type.startsWith('text/'),
      }
    }
  }
}

async function* bytes(store: ResourceStore, hash: string): AsyncGenerator<Uint8Array> {
  const stream = await store.content(hash)
  if (!stream) throw new Error(`the bytes of a resource (${hash}) are missing`)
  for await (const chunk of stream) yield chunk as Uint8Array
}

function linksMarkdown(links: ResourceRecord[]): string {
  const lines = links.map((link) => {
    const href = safeHref(link.url ?? '')
    return href ? `- [${field(link.title)}](${href})` : `- ${field(link.title)}`
  })
  return ['# Links', '', ...lines, ''].join('\n')
}
