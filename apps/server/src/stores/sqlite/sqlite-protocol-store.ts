import type { DatabaseSync } from 'node:sqlite'
import { type Protocol, ProtocolSchema } from '@confer/protocols'
import type { ProtocolStore } from '../protocol-store.ts'

/** Rows that no longer parse (a future schema, a bad edit) are skipped rather than served. */
function parse(body: string): Protocol | null {
  try {
    const result = ProtocolSchema.safeParse(JSON.parse(body))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

export class SqliteProtocolStore implements ProtocolStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async save(communityId: string, protocol: Protocol, userId: string, at: number): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO community_protocols (id, community_id, body, created_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
         WHERE community_protocols.community_id = excluded.community_id`,
      )
      .run(protocol.id, communityId, JSON.stringify(protocol), userId, at)
  }

  async ofCommunity(communityId: string): Promise<Protocol[]> {
    const rows = this.#db
      .prepare('SELECT body FROM community_protocols WHERE community_id = ? ORDER BY updated_at DESC')
      .all(communityId) as unknown as { body: string }[]
    return rows.map((r) => parse(r.body)).filter((p): p is Protocol => p !== null)
  }

  async find(communityId: string, id: string): Promise<Protocol | null> {
    const row = this.#db
      .prepare('SELECT body FROM community_protocols WHERE community_id = ? AND id = ?')
      .get(communityId, id) as { body: string } | undefined
    return row ? parse(row.body) : null
  }

  async remove(communityId: string, id: string): Promise<boolean> {
    return (
      this.#db
        .prepare('DELETE FROM community_protocols WHERE community_id = ? AND id = ?')
        .run(communityId, id).changes === 1
    )
  }
}
