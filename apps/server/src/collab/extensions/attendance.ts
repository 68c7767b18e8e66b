import type { connectedPayload, Extension } from '@hocuspocus/server'
import type { MeetingService } from '../../services/meeting-service.ts'
import type { CollabContext } from '../context.ts'
import type { PersistenceLogger } from './durable-persistence.ts'

/** Opening a meeting's document counts as attending it (guests too, SPEC G3; facilitators can correct). */
export class Attendance implements Extension {
  readonly extensionName = 'confer-attendance'

  readonly #meetings: MeetingService
  readonly #logger: PersistenceLogger

  constructor(meetings: MeetingService, logger: PersistenceLogger) {
    this.#meetings = meetings
    this.#logger = logger
  }

  async connected({ context, documentName }: connectedPayload<CollabContext>): Promise<void> {
    const { userId, meetingId } = context
    if (!userId || !meetingId || documentName !== `meeting/${meetingId}`) return
    try {
      await this.#meetings.recordPresence(meetingId, userId)
    } catch (error) {
      this.#logger.error({ err: error, documentName }, 'could not record attendance')
    }
  }
}
