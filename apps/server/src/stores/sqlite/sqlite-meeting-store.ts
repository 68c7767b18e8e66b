import type { DatabaseSync } from 'node:sqlite'
import type {
  IndexedAction,
  MeetingChanges,
  MeetingRecord,
  MeetingStore,
  OwnedAction,
  TemplateRecord,
} from '../meeting-store.ts'
import { latestOpenOwnedBy } from '../owned-actions.ts'
import { transaction } from './transaction.ts'

interface MeetingRow {
  id: string
  community_id: string
  title: string
  starts_at: number
  duration_minutes: number
  network_guest_role: 'member' | 'observer' | null
  created_at: number
  series_id: string | null
  cancelled_at: number | null
  shares_plan: number
}

interface ActionRow {
  meeting_id: string
  action_id: string
  text: string
  owner_id: string | null
  due: string | null
  done: number
  from_meeting_id: string | null
}

interface TemplateRow {
  id: string
  community_id: string
  name: string
  items: string
  created_by: string
  created_at: number
}

const toTemplate = (r: TemplateRow): TemplateRecord => ({
  id: r.id,
  communityId: r.community_id,
  name: r.name,
  items: r.items,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  communityId: r.community_id,
  title: r.title,
  startsAt: r.starts_at,
  durationMinutes: r.duration_minutes,
  networkGuestRole: r.network_guest_role,
  createdAt: r.created_at,
  seriesId: r.series_id,
  cancelledAt: r.cancelled_at,
  sharesPlan: r.shares_plan === 1,
})

export class SqliteMeetingStore implements MeetingStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async insertMeeting(m: MeetingRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO meetings
           (id, community_id, title, starts_at, duration_minutes, network_guest_role, created_at, series_id,
            cancelled_at, shares_plan)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        m.communityId,
        m.title,
        m.startsAt,
        m.durationMinutes,
        m.networkGuestRole,
        m.createdAt,
        m.seriesId,
        m.cancelledAt,
        m.sharesPlan ? 1 : 0,
      )
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

  async updateMeeting(id: string, changes: MeetingChanges): Promise<MeetingRecord | null> {
    const sets: string[] = []
    const values: (string | number | null)[] = []
    for (const [column, value] of changedColumns(changes)) {
      sets.push(`${column} = ?`)
      values.push(value)
    }
    if (sets.length > 0) {
      this.#db.prepare(`UPDATE meetings SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
    }
    return this.meetingById(id)
  }

  async previousMeeting(
    communityId: string,
    startsAt: number,
    excludeId: string,
  ): Promise<MeetingRecord | null> {
    const row = this.#db
      .prepare(
        `SELECT * FROM meetings WHERE community_id = ? AND starts_at < ? AND id <> ?
         ORDER BY starts_at DESC, created_at DESC LIMIT 1`,
      )
      .get(communityId, startsAt, excludeId) as MeetingRow | undefined
    return row ? toMeeting(row) : null
  }

  async nextMeeting(communityId: string, now: number): Promise<MeetingRecord | null> {
    const row = this.#db
      .prepare(
        `SELECT * FROM meetings WHERE community_id = ? AND starts_at > ? AND cancelled_at IS NULL
         ORDER BY starts_at ASC, created_at ASC LIMIT 1`,
      )
      .get(communityId, now) as MeetingRow | undefined
    return row ? toMeeting(row) : null
  }

  async actionsOf(meetingId: string): Promise<IndexedAction[]> {
    const rows = this.#db
      .prepare('SELECT * FROM action_items WHERE meeting_id = ? ORDER BY action_id')
      .all(meetingId) as unknown as ActionRow[]
    return rows.map(toIndexedAction)
  }

  async actionCopies(communityId: string, actionIds: readonly string[]): Promise<IndexedAction[]> {
    if (actionIds.length === 0) return []
    // One JSON parameter however many ids: SQLite caps the number of bound variables.
    const rows = this.#db
      .prepare(
        `SELECT * FROM action_items
         WHERE community_id = ? AND action_id IN (SELECT value FROM json_each(?))
         ORDER BY meeting_id, action_id`,
      )
      .all(communityId, JSON.stringify(actionIds)) as unknown as ActionRow[]
    return rows.map(toIndexedAction)
  }

  async openActionsOwnedBy(userId: string): Promise<OwnedAction[]> {
    const rows = this.#db
      .prepare(
        `SELECT a.*, m.title AS meeting_title, m.starts_at AS meeting_starts_at, c.name AS community_name
         FROM action_items a
         JOIN (SELECT DISTINCT community_id, action_id FROM action_items WHERE owner_id = ?) mine
           ON mine.community_id = a.community_id AND mine.action_id = a.action_id
         JOIN memberships ms ON ms.community_id = a.community_id AND ms.user_id = ?
         JOIN communities c ON c.id = a.community_id
         JOIN meetings m ON m.id = a.meeting_id
         ORDER BY m.starts_at DESC, m.created_at DESC`,
      )
      .all(userId, userId) as unknown as (ActionRow & {
      community_id: string
      community_name: string
      meeting_title: string
      meeting_starts_at: number
    })[]
    return latestOpenOwnedBy(
      userId,
      rows.map((r) => ({
        ...toIndexedAction(r),
        communityId: r.community_id,
        communityName: r.community_name,
        meetingTitle: r.meeting_title,
        meetingStartsAt: r.meeting_starts_at,
      })),
    )
  }

  async replaceActions(
    meetingId: string,
    communityId: string,
    actions: Omit<IndexedAction, 'meetingId'>[],
  ): Promise<void> {
    transaction(this.#db, () => {
      this.#db.prepare('DELETE FROM action_items WHERE meeting_id = ?').run(meetingId)
      const insert = this.#db.prepare(
        `INSERT INTO action_items (meeting_id, action_id, community_id, text, owner_id, due, done, from_meeting_id, done_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      for (const a of actions) {
        insert.run(
          meetingId,
          a.actionId,
          communityId,
          a.text,
          a.ownerId,
          a.due,
          a.done ? 1 : 0,
          a.fromMeetingId,
          a.doneAt ?? null,
        )
      }
    })
  }

  async openActions(
    communityId: string,
  ): Promise<(IndexedAction & { meetingTitle: string; meetingStartsAt: number })[]> {
    const rows = this.#db
      .prepare(
        `SELECT a.*, m.title AS meeting_title, m.starts_at AS meeting_starts_at
         FROM action_items a JOIN meetings m ON m.id = a.meeting_id
         WHERE a.community_id = ? ORDER BY m.starts_at DESC, m.created_at DESC`,
      )
      .all(communityId) as unknown as (ActionRow & { meeting_title: string; meeting_starts_at: number })[]
    // An item carried over lives in several meetings under one id: the latest copy is the truth.
    const latest = new Map<string, (typeof rows)[number]>()
    for (const row of rows) if (!latest.has(row.action_id)) latest.set(row.action_id, row)
    return [...latest.values()]
      .filter((r) => r.done === 0)
      .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.text.localeCompare(b.text))
      .map((r) => ({
        meetingId: r.meeting_id,
        actionId: r.action_id,
        text: r.text,
        ownerId: r.owner_id,
        due: r.due,
        done: false,
        fromMeetingId: r.from_meeting_id,
        meetingTitle: r.meeting_title,
        meetingStartsAt: r.meeting_starts_at,
      }))
  }

  async recordPresence(meetingId: string, userId: string, at: number): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO attendance (meeting_id, user_id, present, source, updated_at) VALUES (?, ?, 1, 'presence', ?)
         ON CONFLICT (meeting_id, user_id) DO NOTHING`,
      )
      .run(meetingId, userId, at)
  }

  async setAttendance(meetingId: string, userId: string, present: boolean, at: number): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO attendance (meeting_id, user_id, present, source, updated_at) VALUES (?, ?, ?, 'manual', ?)
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET present = excluded.present, source = 'manual',
           updated_at = excluded.updated_at`,
      )
      .run(meetingId, userId, present ? 1 : 0, at)
  }

  async attendance(
    meetingId: string,
  ): Promise<{ userId: string; present: boolean; source: 'presence' | 'manual' }[]> {
    const rows = this.#db
      .prepare('SELECT user_id, present, source FROM attendance WHERE meeting_id = ?')
      .all(meetingId) as unknown as { user_id: string; present: number; source: 'presence' | 'manual' }[]
    return rows.map((r) => ({ userId: r.user_id, present: r.present === 1, source: r.source }))
  }

  async insertTemplate(t: TemplateRecord): Promise<void> {
    this.#db
      .prepare(
        'INSERT INTO agenda_templates (id, community_id, name, items, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(t.id, t.communityId, t.name, t.items, t.createdBy, t.createdAt)
  }

  async templatesOf(communityId: string): Promise<TemplateRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM agenda_templates WHERE community_id = ? ORDER BY name COLLATE NOCASE')
      .all(communityId) as unknown as TemplateRow[]
    return rows.map(toTemplate)
  }

  async templateById(id: string): Promise<TemplateRecord | null> {
    const row = this.#db.prepare('SELECT * FROM agenda_templates WHERE id = ?').get(id) as
      | TemplateRow
      | undefined
    return row ? toTemplate(row) : null
  }

  async deleteTemplate(communityId: string, id: string): Promise<boolean> {
    return (
      this.#db.prepare('DELETE FROM agenda_templates WHERE id = ? AND community_id = ?').run(id, communityId)
        .changes === 1
    )
  }
}

const toIndexedAction = (r: ActionRow): IndexedAction => ({
  meetingId: r.meeting_id,
  actionId: r.action_id,
  text: r.text,
  ownerId: r.owner_id,
  due: r.due,
  done: r.done === 1,
  fromMeetingId: r.from_meeting_id,
})

/** The columns a change writes, in a fixed order; the names come from here, never from input. */
function changedColumns(changes: MeetingChanges): [string, string | number | null][] {
  const columns: [string, string | number | null | undefined][] = [
    ['title', changes.title],
    ['starts_at', changes.startsAt],
    ['duration_minutes', changes.durationMinutes],
    ['cancelled_at', changes.cancelledAt],
    ['shares_plan', changes.sharesPlan === undefined ? undefined : Number(changes.sharesPlan)],
  ]
  return columns.filter((c): c is [string, string | number | null] => c[1] !== undefined)
}
