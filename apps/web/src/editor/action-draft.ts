import { createContext, useContext } from 'react'

/**
 * "Add as action item" from the notes: the toolbar sends the selected text, the action items
 * panel opens its form with it. One channel per meeting page.
 */
export interface ActionDraftChannel {
  send(text: string): void
  listen(handler: (text: string) => void): () => void
}

export function createActionDraftChannel(): ActionDraftChannel {
  const handlers = new Set<(text: string) => void>()
  return {
    send: (text) => {
      for (const handler of handlers) handler(text)
    },
    listen: (handler) => {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
  }
}

export const ActionDraftContext = createContext<ActionDraftChannel | null>(null)

export const useActionDraft = () => useContext(ActionDraftContext)
