import { DenyReason, parseDocumentName } from '@confer/model'
import type { Extension, onConnectPayload } from '@hocuspocus/server'

/**
 * Refuses any document name outside the grammar of DESIGN §3 before a document is created,
 * so a stray name never allocates memory or a row in the store.
 */
export class DocumentNames implements Extension {
  readonly extensionName = 'confer-document-names'
  // Runs before every other onConnect/onAuthenticate hook.
  readonly priority = 1000

  async onConnect({ documentName }: onConnectPayload): Promise<void> {
    if (!parseDocumentName(documentName)) throw { reason: DenyReason.unknownDocument }
  }
}
