import { readActions } from '@confer/model'
import type * as Y from 'yjs'
import type { HistorySource } from './history-api.ts'
import { documentEntries } from './version-content.ts'

/**
 * The text of a meeting or charter document as this tab holds it, for someone to keep when the
 * server cannot save it: each agenda item's title and notes (or the preamble and norms), then
 * the action items. Plain text, so it pastes anywhere.
 */
export function documentText(source: HistorySource, doc: Y.Doc): string {
  const parts = documentEntries(source, doc).map(({ label, text }) => (text ? `${label}\n${text}` : label))
  if (source.kind === 'meeting') {
    const actions = readActions(doc)
    if (actions.length > 0) {
      parts.push(
        ['Action items', ...actions.map((action) => `- ${action.done ? '[x] ' : ''}${action.text}`)].join(
          '\n',
        ),
      )
    }
  }
  return parts.join('\n\n')
}
