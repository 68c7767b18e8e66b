import { CloseCode, PlanChecker, parseDocumentName } from '@confer/model'
import type { beforeSyncPayload, Extension } from '@hocuspocus/server'
import { messageYjsSyncStep1 } from 'y-protocols/sync'
import * as Y from 'yjs'

/** The close a write that would leave a plan malformed gets (SPEC PL2): a refused update, like H1's. */
export const PLAN_REFUSAL = {
  code: CloseCode.updateRejected,
  reason: 'update breaks the plan document',
} as const

class PlanRefused extends Error {}

/**
 * A copy of a loaded plan document that follows it, to try an update on before the real one
 * gets it, with a checker that says what each change to the copy added. Cheaper than copying
 * the document per update: a refusal is the only time it is copied again (the trial left the
 * refused update in it).
 */
interface Shadow {
  doc: Y.Doc
  checker: PlanChecker
  stop: () => void
}

const DONE = Promise.resolve()

/**
 * Every write to a `community/<id>/plan` document is tried on a shadow copy before it is applied
 * (SPEC PL2): one that would add a problem (a goal without a statement, a stage not in the cycle,
 * a date that is not YYYY-MM-DD, a value that is not a finite number, more than 50 goals,
 * over-long text — the model's plan-check.ts says all of it) closes the socket with 4422 and is
 * not applied, stored, acknowledged or broadcast. A document that was already wrong (written
 * before this guard) stays editable: only new problems count. Runs after UpdateGuard (lower
 * priority), so nothing over the size or depth limits reaches the shadow. Server-side edits (a
 * restore) and other processes' updates are not refused here: they were checked where they came
 * from, or are the server's own.
 */
export class PlanGuard implements Extension {
  readonly extensionName = 'confer-plan-guard'
  readonly priority = 990

  readonly #shadows = new WeakMap<Y.Doc, Shadow>()

  beforeSync({ connection, document, documentName, type, payload }: beforeSyncPayload): Promise<void> {
    if (type === messageYjsSyncStep1 || connection.readOnly) return DONE
    if (parseDocumentName(documentName)?.kind !== 'plan') return DONE
    const problem = this.#try(document, payload)
    if (problem === null) return DONE
    // The problem names where (`goal <id>: statement is required`); the close reason stays fixed.
    connection.webSocket.close(PLAN_REFUSAL.code, PLAN_REFUSAL.reason)
    throw new PlanRefused(problem)
  }

  /** The first problem `update` would add to `document`, or null when it adds none. */
  #try(document: Y.Doc, update: Uint8Array): string | null {
    const shadow = this.#shadowOf(document)
    let added: string | undefined
    try {
      Y.applyUpdate(shadow.doc, update)
      added = shadow.checker.takeAdded()[0]
    } catch {
      added = 'the update could not be applied'
    }
    if (added === undefined) return null
    this.#drop(document)
    return added
  }

  #shadowOf(document: Y.Doc): Shadow {
    const existing = this.#shadows.get(document)
    if (existing) return existing
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(document))
    const checker = new PlanChecker(doc)
    const follow = (update: Uint8Array) => {
      try {
        Y.applyUpdate(doc, update)
        // Accepted already (or the server's own): what it changed is known from now on.
        checker.takeAdded()
      } catch {
        // Never the real document's problem: the next write copies it afresh.
        this.#drop(document)
      }
    }
    document.on('update', follow)
    const shadow: Shadow = {
      doc,
      checker,
      stop: () => {
        document.off('update', follow)
        checker.destroy()
        doc.destroy()
      },
    }
    this.#shadows.set(document, shadow)
    return shadow
  }

  #drop(document: Y.Doc): void {
    this.#shadows.get(document)?.stop()
    this.#shadows.delete(document)
  }
}
