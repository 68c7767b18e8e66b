import { type KeyboardEvent, useRef } from 'react'

export interface TabOption<T extends string> {
  id: T
  label: string
  /** The id of the element the tab shows (its `role="tabpanel"`). */
  panelId: string
  tabId: string
}

interface Props<T extends string> {
  label: string
  tabs: readonly TabOption<T>[]
  selected: T
  onSelect: (id: T) => void
}

/**
 * A WAI-ARIA tab list with automatic activation: arrow keys, Home and End move between tabs and
 * show their panel; only the selected tab is in the Tab order.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect }: Props<T>) {
  const list = useRef<HTMLDivElement>(null)
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (to === null) return
    event.preventDefault()
    const tab = tabs[to]
    if (!tab) return
    onSelect(tab.id)
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tab.tabId)}`)?.focus()
  }
  return (
    <div ref={list} className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          id={tab.tabId}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={tab.id === selected}
          aria-controls={tab.panelId}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => move(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  )
}
