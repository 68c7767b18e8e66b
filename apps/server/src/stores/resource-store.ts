import type { Readable } from 'node:stream'

/**
 * A community's shared links and files (SPEC RS1–RS9). A file's bytes are kept once per content
 * hash (SHA-256, hex), however many resources hold them, where the rest of the data lives: under
 * DATA_DIR beside the SQLite file, or in PostgreSQL so that every process serves every file.
 */
export interface ResourceRecord {
  id: string
  communityId: string
  kind: 'file' | 'link'
  title: string
  /** Links: the address. Files: null. */
  url: string | null
  /** Files: the SHA-256 of the bytes (hex), their size and their media type. Links: null. */
  contentHash: string | null
  size: number | null
  type: string | null
  createdBy: string
  createdAt: number
}

/** A file written whole to local disk (the store's stagingDir), its bytes hashed and counted. */
export interface StagedFile {
  path: string
  contentHash: string
  size: number
}

export interface ResourceStore {
  /** Where uploads are written before they are kept: insertFile can take a file from here. */
  readonly stagingDir: string
  /** Keeps a link. Throws when the community or the person does not exist. */
  insertLink(record: ResourceRecord): Promise<void>
  /**
   * Keeps a file's record and its bytes together: after it resolves both are there, after it
   * throws the record is not. The staged file is consumed either way (moved or removed).
   */
  insertFile(record: ResourceRecord, staged: StagedFile): Promise<void>
  resource(id: string): Promise<ResourceRecord | null>
  /** The community's resources, newest first (the later of two added in the same millisecond first). */
  resources(communityId: string, limit: number): Promise<ResourceRecord[]>
  /** Deletes the record, and the bytes once no other record holds them. False when it did not exist. */
  deleteResource(id: string): Promise<boolean>
  /** The bytes under a content hash as a stream, or null when none are kept. */
  content(contentHash: string): Promise<Readable | null>
}

/** A content hash as the stores name bytes: 64 lowercase hex digits, never a path. */
export const CONTENT_HASH = /^[0-9a-f]{64}$/
