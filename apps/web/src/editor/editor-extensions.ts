import type { HocuspocusProvider } from '@hocuspocus/provider'
import { Extension, type Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import { Placeholder } from '@tiptap/extensions'
import StarterKit from '@tiptap/starter-kit'
import type * as Y from 'yjs'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { renderCaret } from './caret.ts'
import { ImageDrop, NotesImage } from './notes-image.ts'
import './notes-image.css'

/** Headings inside an item's notes sit under the item's own heading (h2). */
export const NOTE_HEADING_LEVELS = [3, 4] as const

export interface NotesEditorHooks {
  /** Ctrl/⌘+K: the toolbar opens its link dialog. */
  onLinkShortcut: () => void
  /** An image file was pasted or dropped into the notes (SPEC RS9); absent: images are not taken. */
  onImage?: ((file: File) => void) | null
}

/** Ctrl/⌘+K opens the link dialog, as in most editors. */
const LinkShortcut = Extension.create<NotesEditorHooks>({
  name: 'conferLinkShortcut',
  addOptions: () => ({ onLinkShortcut: () => {} }),
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.options.onLinkShortcut()
        return true
      },
    }
  },
})

/** Links in notes go to the web or to an email address (as LinkDialog's); a relative one stays. */
function hasLinkScheme(url: string): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto'
}

/**
 * The notes editor: rich text bound to one item's shared fragment, with everyone's carets —
 * headings, lists, task lists, quotes, links and tables, each with its keyboard shortcut.
 */
export function notesExtensions(
  fragment: Y.XmlFragment,
  provider: HocuspocusProvider,
  user: PresenceUser,
  editable: boolean,
  hooks: NotesEditorHooks,
): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps its own per-user undo history; ProseMirror's would undo other people's typing.
      undoRedo: false,
      heading: { levels: [...NOTE_HEADING_LEVELS] },
      link: {
        openOnClick: !editable,
        autolink: true,
        defaultProtocol: 'https',
        // No `protocols`: linkify knows http, https and mailto already, and every editor would
        // register them again into linkify's one global table: a console warning per scheme
        // per editor once linkify has run. The allow-list is isAllowedUri's job.
        isAllowedUri: (url, { defaultValidate }) => defaultValidate(url) && hasLinkScheme(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TaskList,
    TaskItem.configure({
      nested: true,
      a11y: {
        checkboxLabel: (node, checked) =>
          `${checked ? 'Done' : 'To do'}: ${node.textContent || 'empty task'}`,
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    LinkShortcut.configure(hooks),
    NotesImage,
    ImageDrop.configure({ onImage: editable ? (hooks.onImage ?? null) : null }),
    Collaboration.configure({ fragment }),
    CollaborationCaret.configure({ provider, user, render: renderCaret }),
    Placeholder.configure({ placeholder: editable ? 'Type notes here…' : 'No notes yet.' }),
  ]
}
