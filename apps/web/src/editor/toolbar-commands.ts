import type { Editor } from '@tiptap/core'

/** One toolbar button: its name (also its accessible label), its shortcut and what it does. */
export interface ToolbarCommand {
  id: string
  label: string
  /**
   * Shown on the button: a symbol, or words that are part of the label (speech users say what
   * they see).
   */
  face: string
  /** For aria-keyshortcuts, in ARIA's spelling. */
  keys?: string
  /** For the tooltip, as people read it. */
  hint?: string
  /** A toggle (pressed or not) rather than a one-off action. */
  toggle: boolean
  run: (editor: Editor) => void
  active?: (editor: Editor) => boolean
}

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'
const modAria = mod === '⌘' ? 'Meta' : 'Control'

export const FORMAT_COMMANDS: ToolbarCommand[] = [
  {
    id: 'heading',
    label: 'Heading',
    face: 'H',
    keys: `${modAria}+Alt+3`,
    hint: `${mod}Alt+3`,
    toggle: true,
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    active: (e) => e.isActive('heading', { level: 3 }),
  },
  {
    id: 'subheading',
    label: 'Subheading',
    face: 'h',
    keys: `${modAria}+Alt+4`,
    hint: `${mod}Alt+4`,
    toggle: true,
    run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(),
    active: (e) => e.isActive('heading', { level: 4 }),
  },
  {
    id: 'bold',
    label: 'Bold',
    face: 'B',
    keys: `${modAria}+B`,
    hint: `${mod}B`,
    toggle: true,
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive('bold'),
  },
  {
    id: 'italic',
    label: 'Italic',
    face: 'I',
    keys: `${modAria}+I`,
    hint: `${mod}I`,
    toggle: true,
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive('italic'),
  },
  {
    id: 'bullets',
    label: 'Bulleted list',
    face: '•',
    keys: `${modAria}+Shift+8`,
    hint: `${mod}Shift+8`,
    toggle: true,
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    id: 'numbers',
    label: 'Numbered list',
    face: '№',
    keys: `${modAria}+Shift+7`,
    hint: `${mod}Shift+7`,
    toggle: true,
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive('orderedList'),
  },
  {
    id: 'tasks',
    label: 'Task list',
    face: '☑',
    keys: `${modAria}+Shift+9`,
    hint: `${mod}Shift+9`,
    toggle: true,
    run: (e) => e.chain().focus().toggleTaskList().run(),
    active: (e) => e.isActive('taskList'),
  },
  {
    id: 'quote',
    label: 'Quote',
    face: '“',
    keys: `${modAria}+Shift+B`,
    hint: `${mod}Shift+B`,
    toggle: true,
    run: (e) => e.chain().focus().toggleBlockquote().run(),
    active: (e) => e.isActive('blockquote'),
  },
]

/** Shown while the caret is in a table. */
export const TABLE_COMMANDS: ToolbarCommand[] = [
  {
    id: 'row',
    label: 'Add row',
    face: 'Add row',
    toggle: false,
    run: (e) => e.chain().focus().addRowAfter().run(),
  },
  {
    id: 'column',
    label: 'Add column',
    face: 'Add column',
    toggle: false,
    run: (e) => e.chain().focus().addColumnAfter().run(),
  },
  {
    id: 'delete-row',
    label: 'Delete row',
    face: 'Delete row',
    toggle: false,
    run: (e) => e.chain().focus().deleteRow().run(),
  },
  {
    id: 'delete-column',
    label: 'Delete column',
    face: 'Delete column',
    toggle: false,
    run: (e) => e.chain().focus().deleteColumn().run(),
  },
  {
    id: 'delete-table',
    label: 'Delete table',
    face: 'Delete table',
    toggle: false,
    run: (e) => e.chain().focus().deleteTable().run(),
  },
]

export const INSERT_TABLE: ToolbarCommand = {
  id: 'table',
  label: 'Insert table',
  face: '▦',
  toggle: false,
  run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
}

export const LINK_SHORTCUT = { keys: `${modAria}+K`, hint: `${mod}K` }

/** "Mark as decision" (mark-decision.ts binds the key in the editor). */
export const DECISION_SHORTCUT = { keys: `${modAria}+Shift+D`, hint: `${mod}Shift+D` }
