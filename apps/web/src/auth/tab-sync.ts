/**
 * Tabs of one browser share one session cookie, so they follow each other: a log-out in one
 * logs all of them out (and clears the device); a log-in updates the others' idea of who is here.
 */
type Message = 'logged-out' | 'signed-in'

const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'function' ? new BroadcastChannel('confer-session') : null

export function tellOtherTabs(message: Message): void {
  channel?.postMessage(message)
}

export function followOtherTabs(handlers: Record<Message, () => void>): void {
  if (!channel) return
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === 'logged-out' || event.data === 'signed-in') handlers[event.data as Message]()
  }
}
