import type { HocuspocusProvider } from '@hocuspocus/provider'
import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import StarterKit from '@tiptap/starter-kit'
import type * as Y from 'yjs'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { renderCaret } from './caret.ts'

/** The notes editor: rich text bound to one item's shared fragment, with everyone's carets. */
export function notesExtensions(
  fragment: Y.XmlFragment,
  provider: HocuspocusProvider,
  user: PresenceUser,
  editable: boolean,
): Extensions {
  return [
    // Yjs keeps its own per-user undo history; ProseMirror's would undo other people's typing.
    StarterKit.configure({ undoRedo: false }),
    Collaboration.configure({ fragment }),
    CollaborationCaret.configure({ provider, user, render: renderCaret }),
    Placeholder.configure({ placeholder: editable ? 'Type notes here…' : 'No notes yet.' }),
  ]
}
