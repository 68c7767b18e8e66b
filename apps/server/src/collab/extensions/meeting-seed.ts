import { parseDocumentName, seedMeeting } from '@confer/model'
import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server'

/**
 * Gives a brand-new meeting document its first agenda item. Seeding happens here, on the
 * server, because a seed written by each client would add one item per client.
 */
export class MeetingSeed implements Extension {
  readonly extensionName = 'confer-meeting-seed'
  readonly priority = 100

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    if (parseDocumentName(documentName)?.kind === 'meeting') seedMeeting(document)
  }
}
