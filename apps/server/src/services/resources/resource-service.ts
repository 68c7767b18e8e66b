import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { RESOURCE_LIST_MAX, RESOURCE_TITLE_MAX, type Resource, type Role, roleAtLeast } from '@confer/api'
import { newId } from '@confer/model'
import type { AccountStore } from '../../stores/account-store.ts'
import type { CommunityStore } from '../../stores/community-store.ts'
import type { ResourceRecord, ResourceStore } from '../../stores/resource-store.ts'
import type { CommunityService } from '../community-service.ts'
import type { DomainEvents } from '../domain-events.ts'
import { notFound, ServiceError } from '../service-error.ts'
import { allowedType, extensionOf, servedAs } from './allowed-types.ts'
import { type StagedUpload, stageUpload } from './stage-upload.ts'

export interface ResourceDeps {
  store: ResourceStore
  communities: CommunityService
  communityStore: CommunityStore
  accounts: AccountStore
  events: DomainEvents
  /** MAX_UPLOAD_BYTES: a larger file is refused with 413. */
  maxUploadBytes: number
  now?: () => number
}

export interface ResourceContent {
  resource: ResourceRecord
  stream: Readable
  inline: boolean
  /** What the download is called: its title, with the extension of its stored type. */
  fileName: { name: string; extension: string }
}

/** The last segment of a client's file name, without controls: display text, never a path. */
export function titleFromFileName(fileName: string): string {
  const base = path.posix.basename(fileName.replaceAll('\\', '/'))
  const clean = base
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return (clean === '' || clean === '.' || clean === '..' ? 'Untitled file' : clean).slice(
    0,
    RESOURCE_TITLE_MAX,
  )
}

const contentUrl = (id: string) => `/api/resources/${id}/content`

/**
 * A community's shared links and files (SPEC RS1–RS9): members add them, members and observers
 * read them, whoever added one (or a facilitator) deletes it. Files are checked on their bytes
 * against an allow-list and kept by content hash. Anyone outside the community, network guests
 * included, gets the same 404 as for an unknown id.
 */
export class ResourceService {
  readonly #store: ResourceStore
  readonly #communities: CommunityService
  readonly #communityStore: CommunityStore
  readonly #accounts: AccountStore
  readonly #events: DomainEvents
  readonly #now: () => number
  readonly maxUploadBytes: number

  constructor(deps: ResourceDeps) {
    this.#store = deps.store
    this.#communities = deps.communities
    this.#communityStore = deps.communityStore
    this.#accounts = deps.accounts
    this.#events = deps.events
    this.#now = deps.now ?? Date.now
    this.maxUploadBytes = deps.maxUploadBytes
  }

  async list(communityId: string, userId: string): Promise<Resource[]> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    return this.#present(communityId, await this.#store.resources(communityId, RESOURCE_LIST_MAX))
  }

  /** Throws unless the user may add resources to the community: asked before an upload is read. */
  async requireContributor(communityId: string, userId: string): Promise<void> {
    await this.#communities.requireRole(communityId, userId, 'member')
  }

  async addLink(
    communityId: string,
    userId: string,
    link: { url: string; title?: string },
  ): Promise<Resource> {
    await this.requireContributor(communityId, userId)
    const url = new URL(link.url).href
    const record = this.#record(communityId, userId, {
      kind: 'link',
      title: link.title ?? url.slice(0, RESOURCE_TITLE_MAX),
      url,
    })
    await this.#store.insertLink(record)
    return this.#added(record)
  }

  /** Writes an upload to the store's staging area as it arrives (413 past MAX_UPLOAD_BYTES). */
  stage(stream: Readable): Promise<StagedUpload> {
    return stageUpload(stream, this.#store.stagingDir, this.maxUploadBytes)
  }

  /** Drops a staged upload that will not be kept. */
  async discard(staged: StagedUpload): Promise<void> {
    await fs.promises.rm(staged.path, { force: true })
  }

  /**
   * Keeps a staged upload as the community's resource when its bytes are of an allowed type
   * (else 415); the staged file is consumed either way.
   */
  async keepFile(
    communityId: string,
    userId: string,
    staged: StagedUpload,
    upload: { fileName: string; title?: string | undefined },
  ): Promise<Resource> {
    let handedOver = false
    try {
      await this.requireContributor(communityId, userId)
      if (staged.size === 0) throw new ServiceError(400, 'invalid_request', 'The file is empty.')
      const allowed = await allowedType(staged, upload.fileName)
      if (!allowed) {
        throw new ServiceError(
          415,
          'type_not_allowed',
          'Only PDF, images (PNG, JPEG, GIF, WebP), office documents and plain text can be shared.',
        )
      }
      const record = this.#record(communityId, userId, {
        kind: 'file',
        title: upload.title ?? titleFromFileName(upload.fileName),
        contentHash: staged.contentHash,
        size: staged.size,
        type: allowed.type,
      })
      handedOver = true
      await this.#store.insertFile(record, staged)
      return this.#added(record)
    } finally {
      if (!handedOver) await this.discard(staged)
    }
  }

  async content(resourceId: string, userId: string): Promise<ResourceContent> {
    const { resource } = await this.#readable(resourceId, userId)
    if (resource.kind !== 'file' || !resource.contentHash || !resource.type) throw notFound('That file')
    const stream = await this.#store.content(resource.contentHash)
    if (!stream) throw notFound('That file')
    const allowed = servedAs(resource.type)
    return {
      resource,
      stream,
      inline: allowed.inline,
      fileName: {
        name: withoutExtension(resource.title, allowed.extension),
        extension: `.${allowed.extension}`,
      },
    }
  }

  /** The resource, for ETag checks before the bytes are opened. */
  async describe(resourceId: string, userId: string): Promise<ResourceRecord> {
    return (await this.#readable(resourceId, userId)).resource
  }

  async remove(resourceId: string, userId: string): Promise<void> {
    const { resource, role } = await this.#readable(resourceId, userId)
    const own = resource.createdBy === userId && roleAtLeast(role, 'member')
    if (!own && role !== 'facilitator') {
      throw new ServiceError(
        403,
        'forbidden',
        'Only a facilitator or whoever added it can delete a resource.',
      )
    }
    await this.#store.deleteResource(resourceId)
    this.#events.emit('resourcesChanged', { communityId: resource.communityId })
  }

  async #readable(resourceId: string, userId: string): Promise<{ resource: ResourceRecord; role: Role }> {
    const resource = await this.#store.resource(resourceId)
    if (!resource) throw notFound('That resource')
    // The same 404 for a resource of a community the caller is not in.
    const membership = await this.#communityStore.membership(resource.communityId, userId)
    if (!membership) throw notFound('That resource')
    return { resource, role: membership.role }
  }

  #record(
    communityId: string,
    userId: string,
    fields: Pick<ResourceRecord, 'kind' | 'title'> & Partial<ResourceRecord>,
  ): ResourceRecord {
    return {
      id: newId(),
      communityId,
      url: null,
      contentHash: null,
      size: null,
      type: null,
      createdBy: userId,
      createdAt: this.#now(),
      ...fields,
    }
  }

  async #added(record: ResourceRecord): Promise<Resource> {
    this.#events.emit('resourcesChanged', { communityId: record.communityId })
    const [resource] = await this.#present(record.communityId, [record])
    if (!resource) throw new Error('the resource was not presented')
    return resource
  }

  async #present(communityId: string, records: ResourceRecord[]): Promise<Resource[]> {
    const names = new Map((await this.#communityStore.members(communityId)).map((m) => [m.userId, m.name]))
    for (const r of records) {
      if (names.has(r.createdBy)) continue
      // Someone who has since left the community.
      names.set(r.createdBy, (await this.#accounts.userById(r.createdBy))?.name ?? 'Former member')
    }
    return records.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      url: r.kind === 'link' ? (r.url ?? '') : contentUrl(r.id),
      ...(r.kind === 'file' ? { size: r.size ?? 0, type: r.type ?? '' } : {}),
      createdAt: new Date(r.createdAt).toISOString(),
      addedBy: { userId: r.createdBy, name: names.get(r.createdBy) ?? 'Former member' },
    }))
  }
}

function withoutExtension(title: string, extension: string): string {
  return extensionOf(title) === extension ? title.slice(0, -(extension.length + 1)) : title
}
