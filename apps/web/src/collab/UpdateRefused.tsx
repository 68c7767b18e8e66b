import { useEffect, useId, useRef, useState } from 'react'
import type { RefusalCause } from './close-reasons.ts'
import { type CollabSession, reloadFromServer } from './session.ts'
import './update-refused.css'

/** How the page names the document it shows. */
export type RefusedDocument = 'notes' | 'charter' | 'plan'

const WORDS = {
  notes: { these: 'these notes', full: 'these notes are over their size limit', copy: 'Copy my notes' },
  charter: { these: 'this charter', full: 'this charter is over its size limit', copy: 'Copy the charter' },
  plan: { these: 'this plan', full: 'this plan is over its size limit', copy: 'Copy the plan' },
} as const satisfies Record<RefusedDocument, unknown>

function heading(cause: RefusalCause, document: RefusedDocument): string {
  switch (cause) {
    case 'too-large':
      return 'Your last change is too large to save'
    case 'document-full':
      return `Your last change could not be saved: ${WORDS[document].full}`
    case 'too-deep':
      return 'Your last change could not be saved: it nests lists too deeply'
    case 'unreadable':
      return 'Your last change could not be saved: the server could not apply it'
  }
}

function nextTime(cause: RefusalCause, document: RefusedDocument): string {
  switch (cause) {
    case 'too-large':
      return ' Then add it again in smaller parts.'
    case 'document-full':
      return ` Then make room by removing something from ${WORDS[document].these} before adding more.`
    case 'too-deep':
      return ' Then add it again with fewer levels of indentation.'
    case 'unreadable':
      return ''
  }
}

type Copy = { state: 'idle' } | { state: 'copied' } | { state: 'by-hand'; text: string }

interface Props {
  session: CollabSession
  cause: RefusalCause
  document: RefusedDocument
  /** The document's text as this tab has it, refused change included. */
  text: () => string
}

/**
 * Says that the server refused a change of this tab's (SPEC H1), that it lives only in this
 * tab, and offers the two ways on: keep the text, and reload the server's copy (which drops the
 * change). Takes the focus when it appears, since editing has stopped and these are the next
 * steps; the words themselves are announced as an alert.
 */
export function UpdateRefused({ session, cause, document, text }: Props) {
  const headingId = useId()
  const noticeRef = useRef<HTMLElement>(null)
  const byHandRef = useRef<HTMLTextAreaElement>(null)
  const [copy, setCopy] = useState<Copy>({ state: 'idle' })
  const [reload, setReload] = useState<'idle' | 'reloading' | 'failed'>('idle')
  const words = WORDS[document]

  useEffect(() => noticeRef.current?.focus(), [])
  useEffect(() => {
    if (copy.state === 'by-hand') byHandRef.current?.select()
  }, [copy])

  const copyText = async () => {
    const content = text()
    try {
      await navigator.clipboard.writeText(content)
      setCopy({ state: 'copied' })
    } catch {
      // No clipboard access (a page served over plain HTTP on a school network): copy by hand.
      setCopy({ state: 'by-hand', text: content })
    }
  }
  const reloadServerCopy = () => {
    if (reload === 'reloading') return
    setReload('reloading')
    reloadFromServer(session).catch((error: unknown) => {
      console.warn('Could not clear the copy kept in this browser', error)
      setReload('failed')
    })
  }

  return (
    <section className="update-refused" aria-labelledby={headingId} tabIndex={-1} ref={noticeRef}>
      <div role="alert" aria-labelledby={headingId}>
        <h2 id={headingId}>{heading(cause, document)}</h2>
        <p>
          The change is kept only in this tab, and nothing more you change here can be saved, so editing is
          paused.
        </p>
        <p>
          Copy the text to keep it, then reload {words.these} from the server: that drops the refused change,
          and anything else this browser has not saved yet.
          {nextTime(cause, document)}
        </p>
      </div>
      <div className="update-refused__actions">
        <button type="button" className="button button--secondary" onClick={() => void copyText()}>
          {words.copy}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={reloadServerCopy}
          aria-disabled={reload === 'reloading'}
        >
          Reload from the server
        </button>
      </div>
      <p role="status" className="update-refused__status">
        {copy.state === 'copied' && 'Copied. Paste it somewhere safe before reloading.'}
        {reload === 'failed' && 'This browser’s copy could not be cleared. Reload the page and try again.'}
      </p>
      {copy.state === 'by-hand' && (
        <label className="update-refused__by-hand">
          This browser does not allow copying from here: the text is selected below, copy it with Ctrl+C (⌘C
          on a Mac).
          <textarea ref={byHandRef} readOnly value={copy.text} rows={8} />
        </label>
      )}
    </section>
  )
}
