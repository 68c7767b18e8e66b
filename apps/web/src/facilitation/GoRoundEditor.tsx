import type { RunState } from '@confer/model'
import { useEffect, useId, useRef, useState } from 'react'
import { moveItem, shuffled } from './go-round.ts'
import { personLabel, type RoundPerson } from './useRoundPeople.ts'

interface Props {
  run: RunState
  speakers: readonly string[]
  /** Who can be added: the community's members and the guests here now. */
  people: readonly RoundPerson[]
  nameOf: (userId: string, position: number) => string
  onChange: (userIds: string[]) => Promise<boolean>
  onNextSpeaker: () => void
}

/** Which control to focus once the server's new order arrives (the old one may have moved or gone). */
type FocusWish = { userId: string; control: 'up' | 'down' | 'remove' } | { control: 'add' } | null

/**
 * The go-round order: who speaks in turn. Every change is sent to the server at once and comes
 * back through the run document, so all screens show the same order. "Next speaker" passes the
 * turn; skipping someone is "Next speaker" or removing them.
 */
export function GoRoundEditor({ run, speakers, people, nameOf, onChange, onNextSpeaker }: Props) {
  const headingId = useId()
  const addId = useId()
  const listRef = useRef<HTMLOListElement>(null)
  const addRef = useRef<HTMLSelectElement>(null)
  const wish = useRef<FocusWish>(null)
  const absent = people.filter((m) => !speakers.includes(m.userId))
  const [toAdd, setToAdd] = useState('')
  const live = run.state === 'running' || run.state === 'paused'

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the order the server wrote changes
  useEffect(() => {
    const want = wish.current
    if (!want) return
    wish.current = null
    if (want.control === 'add') {
      addRef.current?.focus()
      return
    }
    // At the top or bottom "Up"/"Down" is disabled: the person's other move button takes the focus.
    const other = want.control === 'up' ? 'down' : want.control === 'down' ? 'up' : 'remove'
    const person = `[data-user="${CSS.escape(want.userId)}"]`
    const target =
      listRef.current?.querySelector<HTMLButtonElement>(
        `${person}[data-control="${want.control}"]:not(:disabled)`,
      ) ??
      listRef.current?.querySelector<HTMLButtonElement>(
        `${person}[data-control="${other}"]:not(:disabled)`,
      ) ??
      listRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')
    target?.focus()
  }, [speakers])

  const change = (next: string[], focus: FocusWish) => {
    wish.current = focus
    void onChange(next).then((ok) => {
      if (!ok) wish.current = null
    })
  }
  // "Everyone" is the team: observers and visiting guests are added one by one.
  const everyone = people.filter((m) => !m.observer && !m.guest).map((m) => m.userId)
  const chosen = absent.some((m) => m.userId === toAdd) ? toAdd : (absent[0]?.userId ?? '')

  return (
    <section className="go-round" aria-labelledby={headingId}>
      <h3 id={headingId} className="go-round__title">
        Go-round
      </h3>
      {speakers.length === 0 ? (
        <p className="muted">No go-round order yet. Turns taken “each in turn” follow it.</p>
      ) : (
        <ol className="go-round__list" ref={listRef}>
          {speakers.map((userId, index) => {
            const name = nameOf(userId, index)
            const now = index === run.speaker
            return (
              <li key={userId} className="go-round__person" aria-current={now ? 'true' : undefined}>
                <span className="go-round__name">
                  {name}
                  {now && <span className="go-round__now"> (speaking now)</span>}
                </span>
                <span className="go-round__buttons">
                  <button
                    aria-label={`Up, ${name}`}
                    type="button"
                    className="button button--secondary button--small"
                    data-user={userId}
                    data-control="up"
                    disabled={index === 0}
                    onClick={() => change(moveItem(speakers, index, -1), { userId, control: 'up' })}
                  >
                    Up
                  </button>
                  <button
                    aria-label={`Down, ${name}`}
                    type="button"
                    className="button button--secondary button--small"
                    data-user={userId}
                    data-control="down"
                    disabled={index === speakers.length - 1}
                    onClick={() => change(moveItem(speakers, index, 1), { userId, control: 'down' })}
                  >
                    Down
                  </button>
                  <button
                    aria-label={`Remove, ${name}`}
                    type="button"
                    className="button button--quiet button--small"
                    data-user={userId}
                    data-control="remove"
                    onClick={() => {
                      const neighbour = speakers[index + 1] ?? speakers[index - 1]
                      change(
                        speakers.filter((id) => id !== userId),
                        neighbour ? { userId: neighbour, control: 'remove' } : { control: 'add' },
                      )
                    }}
                  >
                    Remove
                  </button>
                </span>
              </li>
            )
          })}
        </ol>
      )}
      <div className="go-round__actions">
        {absent.length > 0 && (
          <form
            className="go-round__add"
            onSubmit={(event) => {
              event.preventDefault()
              if (chosen) change([...speakers, chosen], { control: 'add' })
            }}
          >
            <label htmlFor={addId}>Add</label>
            <select id={addId} ref={addRef} value={chosen} onChange={(e) => setToAdd(e.target.value)}>
              {absent.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {personLabel(m)}
                </option>
              ))}
            </select>
            <button type="submit" className="button button--secondary button--small">
              Add to go-round
            </button>
          </form>
        )}
        {speakers.length === 0 && everyone.length > 0 && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => change(everyone, null)}
          >
            Add everyone
          </button>
        )}
        {speakers.length > 1 && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => change(shuffled(speakers), null)}
          >
            Shuffle
          </button>
        )}
        {live && speakers.length > 0 && (
          <button type="button" className="button button--primary button--small" onClick={onNextSpeaker}>
            Next speaker
          </button>
        )}
      </div>
    </section>
  )
}
