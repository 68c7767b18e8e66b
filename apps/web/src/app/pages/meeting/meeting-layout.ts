import { createContext, type RefObject, useContext, useEffect } from 'react'
import { flushSync } from 'react-dom'

/** The meeting page's parts; on a phone each is a tab. */
export const SECTIONS = ['agenda', 'actions', 'people', 'protocol'] as const
export type Section = (typeof SECTIONS)[number]

export const SECTION_LABELS: Record<Section, string> = {
  agenda: 'Agenda & notes',
  actions: 'Actions',
  people: 'People',
  protocol: 'Protocol',
}

export interface MeetingLayout {
  /** One column with tabs (a phone), rather than columns side by side. */
  phone: boolean
  tab: Section
  showTab: (tab: Section) => void
  /** Element ids, unique to this page. */
  panelId: (section: Section) => string
  tabId: (section: Section) => string
}

export const MeetingLayoutContext = createContext<MeetingLayout | null>(null)

/**
 * The attributes of a section's element: on a phone, the tab panel (hidden unless its tab is
 * chosen); otherwise nothing, as every section shows. `part` marks a second element of a
 * section (the closing step under the notes), hidden with it but not the tab's named panel.
 */
export function useSectionProps(section: Section, part = false) {
  const layout = useContext(MeetingLayoutContext)
  if (!layout?.phone) return {}
  const hidden = layout.tab !== section
  if (part) return { hidden }
  return {
    id: layout.panelId(section),
    role: 'tabpanel' as const,
    'aria-labelledby': layout.tabId(section),
    hidden,
  }
}

/** Where the skip link and the shortcut send the keyboard: the item last written in, or the current one. */
export function focusNotes(meetingId: string, layout: MeetingLayout | null): boolean {
  // On a phone the notes may be in a hidden tab: show it before focusing into it.
  if (layout?.phone && layout.tab !== 'agenda') flushSync(() => layout.showTab('agenda'))
  const remembered = readLastItem(meetingId)
  const editor =
    (remembered &&
      document.querySelector<HTMLElement>(`#${CSS.escape(`item-${remembered}`)} .ProseMirror`)) ||
    document.querySelector<HTMLElement>('.agenda-item[data-current] .ProseMirror') ||
    document.querySelector<HTMLElement>('.agenda-item .ProseMirror')
  if (!editor) return false
  editor.focus()
  editor.scrollIntoView({ block: 'center' })
  return true
}

const lastItemKey = (meetingId: string) => `confer:layout:item:${meetingId}`

export function readLastItem(meetingId: string): string | null {
  try {
    return localStorage.getItem(lastItemKey(meetingId))
  } catch {
    return null
  }
}

export function rememberLastItem(meetingId: string, itemId: string): void {
  try {
    localStorage.setItem(lastItemKey(meetingId), itemId)
  } catch {
    // Without storage the skip link goes to the current item instead.
  }
}

/** Remembers which item's notes were last focused inside `container`, for the skip link. */
export function useLastItemMemory(container: RefObject<HTMLElement | null>, meetingId: string): void {
  useEffect(() => {
    const element = container.current
    if (!element) return
    const onFocus = (event: FocusEvent) => {
      const item = (event.target as Element | null)?.closest('.agenda-item')
      if (item?.id.startsWith('item-')) rememberLastItem(meetingId, item.id.slice('item-'.length))
    }
    element.addEventListener('focusin', onFocus)
    return () => element.removeEventListener('focusin', onFocus)
  }, [container, meetingId])
}
