import type { DatabaseSync } from 'node:sqlite'
import type { MeetingRecord, MeetingStore } from '../meeting-store.ts'

interface MeetingRow {
  id: string
  community_id: string
  title: string
  starts_at: number
  duration_minutes: number
  network_guest_role: 'member' | 'observer' | null
  created_at: number
}

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  communityId: r.community_id,
  title: r.title,
  startsAt: r.starts_at,
  durationMinutes: r.duration_minutes,
  networkGuestRole: r.network_guest_role,
  createdAt: r.created_at,
})

export class SqliteMeetingStore implements MeetingStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async insertMeeting(m: MeetingRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO meetings (id, community_id, title, starts_at, duration_minutes, network_guest_role, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.id, m.communityId, m.title, m.startsAt, m.durationMinutes, m.networkGuestRole, m.createdAt)
  }

  async meetingById(id: string): Promise<MeetingRecord | null> {
    const row = this.#db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined
    return row ? toMeeting(row) : null
  }

  async meetingsOf(communityId: string): Promise<MeetingRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM meetings WHERE community_id = ? ORDER BY starts_at DESC, created_at DESC')
      .all(communityId) as unknown as MeetingRow[]
    return rows.map(toMeeting)
  }

  async upcomingFor(
    userId: string,
    from: number,
    limit: number,
  ): Promise<(MeetingRecord & { communityName: string })[]> {
    const rows = this.#db
      .prepare(
        `SELECT m.*, c.name AS community_name FROM meetings m
         JOIN memberships ms ON ms.community_id = m.community_id AND ms.user_id = ?
         JOIN communities c ON c.id = m.community_id
         WHERE m.starts_at + m.duration_minutes * 60000 >= ?
         ORDER BY m.starts_at ASC LIMIT ?`,
      )
      .all(userId, from, limit) as unknown as (MeetingRow & { community_name: string })[]
    return rows.map((r) => ({ ...toMeeting(r), communityName: r.community_name }))
  }

  async setNetworkGuestRole(id: string, role: 'member' | 'observer' | null): Promise<void> {
    this.#db.prepare('UPDATE meetings SET network_guest_role = ? WHERE id = ?').run(role, id)
  }
}
