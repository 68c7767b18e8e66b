import { INLINE_IMAGE_TYPES } from '@confer/api'
import { Extension } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'

/** A shared file of the community as the notes refer to it (SPEC RS9): same origin, never elsewhere. */
const RESOURCE_SRC = /^\/api\/resources\/[A-Za-z0-9_-]{1,64}\/content$/

export const isResourceImage = (src: string | null | undefined): boolean => RESOURCE_SRC.test(src ?? '')

/**
 * Images in notes: block nodes whose `src` is one of the community's resources and whose `alt`
 * describes them. Pasted HTML brings no image from elsewhere (a tracker, a data: blob), and the
 * Markdown `![](…)` shortcut is off: an image gets in only by being uploaded first.
 */
export const NotesImage = Image.extend({
  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (element) => (isResourceImage(element.getAttribute('src')) ? null : false),
      },
    ]
  },
  addInputRules() {
    return []
  },
}).configure({ inline: false, allowBase64: false, HTMLAttributes: { class: 'notes-image', loading: 'lazy' } })

const IMAGE_TYPES = new Set<string>(INLINE_IMAGE_TYPES)

function firstImage(files: FileList | null | undefined): File | null {
  for (const file of files ?? []) if (IMAGE_TYPES.has(file.type)) return file
  return null
}

export interface ImageDropOptions {
  /** An image file was pasted or dropped (the caret is where it goes); null: images are not taken here. */
  onImage: ((file: File) => void) | null
}

/**
 * Hands an image file pasted or dropped into the notes to `onImage` (which uploads it and asks
 * for its alt text) instead of letting the browser do anything with it. A drop first moves the
 * caret to where the image was dropped.
 */
export const ImageDrop = Extension.create<ImageDropOptions>({
  name: 'conferImageDrop',
  addOptions: () => ({ onImage: null }),
  addProseMirrorPlugins() {
    const { onImage } = this.options
    if (!onImage) return []
    return [
      new Plugin({
        key: new PluginKey('conferImageDrop'),
        props: {
          handlePaste: (view, event) => {
            const file = firstImage(event.clipboardData?.files)
            if (!file || !view.editable) return false
            onImage(file)
            return true
          },
          handleDrop: (view, event, _slice, moved) => {
            const file = moved ? null : firstImage(event.dataTransfer?.files)
            if (!file || !view.editable) return false
            event.preventDefault()
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
            if (at)
              view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at.pos))))
            onImage(file)
            return true
          },
        },
      }),
    ]
  },
})
