import type { Pool } from 'pg'
import type {
  IndexedAction,
  MeetingChanges,
  MeetingRecord,
  MeetingStore,
  OwnedAction,
  TemplateRecord,
} from '../meeting-store.ts'
import { latestOpenOwnedBy } from '../owned-actions.ts'
import { inTransaction } from './pool.ts'

/** BIGINT columns arrive as strings (pg keeps 64-bit integers exact); epoch ms fit a number. */
interface MeetingRow {
  id: string
  community_id: string
  title: string
  starts_at: string
  duration_minutes: number
  network_guest_role: 'member' | 'observer' | null
  created_at: string
  series_id: string | null
  cancelled_at: string | null
  shares_plan: boolean
}

interface ActionRow {
  meeting_id: string
  action_id: string
  text: string
  owner_id: string | null
  due: string | null
  done: boolean
  from_meeting_id: string | null
}

interface TemplateRow {
  id: string
  community_id: string
  name: string
  items: string
  created_by: string
  created_at: string
}

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  communityId: r.community_id,
  title: r.title,
  startsAt: Number(r.starts_at),
  durationMinutes: r.duration_minutes,
  networkGuestRole: r.network_guest_role,
  createdAt: Number(r.created_at),
  seriesId: r.series_id,
  cancelledAt: r.cancelled_at === null ? null : Number(r.cancelled_at),
  sharesPlan: r.shares_plan,
})

const toTemplate = (r: TemplateRow): TemplateRecord => ({
  id: r.id,
  communityId: r.community_id,
  name: r.name,
  items: r.items,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
})

const ACTION_COLUMNS = 'meeting_id, action_id, text, owner_id, due, done, from_meeting_id'

const toIndexedAction = (r: ActionRow): IndexedAction => ({
  meetingId: r.meeting_id,
  actionId: r.action_id,
  text: r.text,
  ownerId: r.owner_id,
  due: r.due,
  done: r.done,
  fromMeetingId: r.from_meeting_id,
})

const MEETING_COLUMNS =
  'id, community_id, title, starts_at, duration_minutes, network_guest_role, created_at, series_id, cancelled_at, shares_plan'

export class PostgresMeetingStore implements MeetingStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async insertMeeting(m: MeetingRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO meetings (${MEETING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        m.id,
        m.communityId,
        m.title,
        m.startsAt,
        m.durationMinutes,
        m.networkGuestRole,
        m.createdAt,
        m.seriesId,
        m.cancelledAt,
        m.sharesPlan,
      ],
    )
  }

  async meetingById(id: string): Promise<MeetingRecord | null> {
    const { rows } = await this.#pool.query<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = $1`,
      [id],
    )
    return rows[0] ? toMeeting(rows[0]) : null
  }

  async meetingsOf(communityId: string): Promise<MeetingRecord[]> {
    const { rows } = await this.#pool.query<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM meetings WHERE community_id = $1
       ORDER BY starts_at DESC, created_at DESC`,
      [communityId],
    )
    return rows.map(toMeeting)
  }

  async upcomingFor(
    userId: string,
    from: number,
    limit: number,
  ): Promise<(MeetingRecord & { communityName: string })[]> {
    // duration_minutes is an INTEGER: widen before multiplying, or a long meeting overflows int4.
    const { rows } = await this.#pool.query<MeetingRow & { community_name: string }>(
      `SELECT m.id, m.community_id, m.title, m.starts_at, m.duration_minutes, m.network_guest_role,
         m.created_at, m.series_id, m.cancelled_at, m.shares_plan, c.name AS community_name
       FROM meetings m
       JOIN memberships ms ON ms.community_id = m.community_id AND ms.user_id = $1
       JOIN communities c ON c.id = m.community_id
       WHERE m.starts_at + m.duration_minutes::bigint * 60000 >= $2
       ORDER BY m.starts_at ASC LIMIT $3`,
      [userId, from, limit],
    )
    return rows.map((r) => ({ ...toMeeting(r), communityName: r.community_name }))
  }

  async setNetworkGuestRole(id: string, role: 'member' | 'observer' | null): Promise<void> {
    await this.#pool.query('UPDATE meetings SET network_guest_role = $1 WHERE id = $2', [role, id])
  }

  async updateMeeting(id: string, changes: MeetingChanges): Promise<MeetingRecord | null> {
    const sets: string[] = []
    const values: (string | number | boolean | null)[] = []
    for (const [column, value] of changedColumns(changes)) {
      values.push(value)
      sets.push(`${column} = $${values.length}`)
    }
    if (sets.length === 0) return this.meetingById(id)
    values.push(id)
    const { rows } = await this.#pool.query<MeetingRow>(
      `UPDATE meetings SET ${sets.join(', ')} WHERE id = $${values.length} RETURNING ${MEETING_COLUMNS}`,
      values,
    )
    return rows[0] ? toMeeting(rows[0]) : null
  }

  async previousMeeting(
    communityId: string,
    startsAt: number,
    excludeId: string,
  ): Promise<MeetingRecord | null> {
    const { rows } = await this.#pool.query<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM meetings WHERE community_id = $1 AND starts_at < $2 AND id <> $3
       ORDER BY starts_at DESC, created_at DESC LIMIT 1`,
      [communityId, startsAt, excludeId],
    )
    return rows[0] ? toMeeting(rows[0]) : null
  }

  async nextMeeting(communityId: string, now: number): Promise<MeetingRecord | null> {
    const { rows } = await this.#pool.query<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM meetings
       WHERE community_id = $1 AND starts_at > $2 AND cancelled_at IS NULL
       ORDER BY starts_at ASC, created_at ASC LIMIT 1`,
      [communityId, now],
    )
    return rows[0] ? toMeeting(rows[0]) : null
  }

  async actionsOf(meetingId: string): Promise<IndexedAction[]> {
    const { rows } = await this.#pool.query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM action_items WHERE meeting_id = $1 ORDER BY action_id`,
      [meetingId],
    )
    return rows.map(toIndexedAction)
  }

  async actionCopies(communityId: string, actionIds: readonly string[]): Promise<IndexedAction[]> {
    if (actionIds.length === 0) return []
    const { rows } = await this.#pool.query<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM action_items
       WHERE community_id = $1 AND action_id = ANY($2::text[])
       ORDER BY meeting_id, action_id`,
      [communityId, actionIds],
    )
    return rows.map(toIndexedAction)
  }

  async openActionsOwnedBy(userId: string): Promise<OwnedAction[]> {
    const { rows } = await this.#pool.query<
      ActionRow & {
        community_id: string
        community_name: string
        meeting_title: string
        meeting_starts_at: string
      }
    >(
      `SELECT a.meeting_id, a.action_id, a.text, a.owner_id, a.due, a.done, a.from_meeting_id,
         a.community_id, c.name AS community_name, m.title AS meeting_title, m.starts_at AS meeting_starts_at
       FROM action_items a
       JOIN (SELECT DISTINCT community_id, action_id FROM action_items WHERE owner_id = $1) mine
         ON mine.community_id = a.community_id AND mine.action_id = a.action_id
       JOIN memberships ms ON ms.community_id = a.community_id AND ms.user_id = $1
       JOIN communities c ON c.id = a.community_id
       JOIN meetings m ON m.id = a.meeting_id
       ORDER BY m.starts_at DESC, m.created_at DESC`,
      [userId],
    )
    return latestOpenOwnedBy(
      userId,
      rows.map((r) => ({
        ...toIndexedAction(r),
        communityId: r.community_id,
        communityName: r.community_name,
        meetingTitle: r.meeting_title,
        meetingStartsAt: Number(r.meeting_starts_at),
      })),
    )
  }

  async replaceActions(
    meetingId: string,
    communityId: string,
    actions: Omit<IndexedAction, 'meetingId'>[],
  ): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      // Two processes reindexing the same meeting would each delete the rows the other has not
      // committed yet and then collide on the primary key: the meeting's row lock takes turns.
      // NO KEY UPDATE still lets other transactions insert rows that reference the meeting.
      await client.query('SELECT 1 FROM meetings WHERE id = $1 FOR NO KEY UPDATE', [meetingId])
      await client.query('DELETE FROM action_items WHERE meeting_id = $1', [meetingId])
      if (actions.length === 0) return
      await client.query(
        `INSERT INTO action_items (meeting_id, action_id, community_id, text, owner_id, due, done, from_meeting_id, done_at)
         SELECT $1, a.action_id, $2, a.text, a.owner_id, a.due, a.done, a.from_meeting_id, a.done_at
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::bigint[])
           AS a (action_id, text, owner_id, due, done, from_meeting_id, done_at)`,
        [
          meetingId,
          communityId,
          actions.map((a) => a.actionId),
          actions.map((a) => a.text),
          actions.map((a) => a.ownerId),
          actions.map((a) => a.due),
          actions.map((a) => a.done),
          actions.map((a) => a.fromMeetingId),
          actions.map((a) => a.doneAt ?? null),
        ],
      )
    })
  }

  async openActions(
    communityId: string,
  ): Promise<(IndexedAction & { meetingTitle: string; meetingStartsAt: number })[]> {
    const { rows } = await this.#pool.query<ActionRow & { meeting_title: string; meeting_starts_at: string }>(
      `SELECT a.meeting_id, a.action_id, a.text, a.owner_id, a.due, a.done, a.from_meeting_id,
         m.title AS meeting_title, m.starts_at AS meeting_starts_at
       FROM action_items a JOIN meetings m ON m.id = a.meeting_id
       WHERE a.community_id = $1 ORDER BY m.starts_at DESC, m.created_at DESC`,
      [communityId],
    )
    // An item carried over lives in several meetings under one id: the latest copy is the truth.
    const latest = new Map<string, (typeof rows)[number]>()
    for (const row of rows) if (!latest.has(row.action_id)) latest.set(row.action_id, row)
    return [...latest.values()]
      .filter((r) => !r.done)
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
        meetingStartsAt: Number(r.meeting_starts_at),
      }))
  }

  async recordPresence(meetingId: string, userId: string, at: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO attendance (meeting_id, user_id, present, source, updated_at)
       VALUES ($1, $2, TRUE, 'presence', $3)
       ON CONFLICT (meeting_id, user_id) DO NOTHING`,
      [meetingId, userId, at],
    )
  }

  async setAttendance(meetingId: string, userId: string, present: boolean, at: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO attendance (meeting_id, user_id, present, source, updated_at)
       VALUES ($1, $2, $3, 'manual', $4)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET present = excluded.present, source = 'manual',
         updated_at = excluded.updated_at`,
      [meetingId, userId, present, at],
    )
  }

  async attendance(
    meetingId: string,
  ): Promise<{ userId: string; present: boolean; source: 'presence' | 'manual' }[]> {
    const { rows } = await this.#pool.query<{
      user_id: string
      present: boolean
      source: 'presence' | 'manual'
    }>('SELECT user_id, present, source FROM attendance WHERE meeting_id = $1', [meetingId])
    return rows.map((r) => ({ userId: r.user_id, present: r.present, source: r.source }))
  }

  async insertTemplate(t: TemplateRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO agenda_templates (id, community_id, name, items, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [t.id, t.communityId, t.name, t.items, t.createdBy, t.createdAt],
    )
  }

  async templatesOf(communityId: string): Promise<TemplateRecord[]> {
    // SQLite's NOCASE: ASCII letters folded, then code point order, whatever the database's locale.
    const { rows } = await this.#pool.query<TemplateRow>(
      `SELECT id, community_id, name, items, created_by, created_at FROM agenda_templates
       WHERE community_id = $1 ORDER BY lower(name COLLATE "C")`,
      [communityId],
    )
    return rows.map(toTemplate)
  }

  async templateById(id: string): Promise<TemplateRecord | null> {
    const { rows } = await this.#pool.query<TemplateRow>(
      'SELECT id, community_id, name, items, created_by, created_at FROM agenda_templates WHERE id = $1',
      [id],
    )
    return rows[0] ? toTemplate(rows[0]) : null
  }

  async deleteTemplate(communityId: string, id: string): Promise<boolean> {
    const result = await this.#pool.query(
      'DELETE FROM agenda_templates WHERE id = $1 AND community_id = $2',
      [id, communityId],
    )
    return result.rowCount === 1
  }
}

/** The columns a change writes, in a fixed order; the names come from here, never from input. */
function changedColumns(changes: MeetingChanges): [string, string | number | boolean | null][] {
  const columns: [string, string | number | boolean | null | undefined][] = [
    ['title', changes.title],
    ['starts_at', changes.startsAt],
    ['duration_minutes', changes.durationMinutes],
    ['cancelled_at', changes.cancelledAt],
    ['shares_plan', changes.sharesPlan],
  ]
  return columns.filter((c): c is [string, string | number | boolean | null] => c[1] !== undefined)
}
