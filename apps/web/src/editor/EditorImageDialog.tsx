import type { Editor } from '@tiptap/core'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useUpload } from '../api/useUpload.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { UploadProgress } from '../ui/UploadProgress.tsx'

/** A file's name without its extension: the alt text offered until the person writes a better one. */
export const altFromFileName = (name: string): string => name.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim()

interface Props {
  editor: Editor
  /** Where the image is kept: the meeting's community (SPEC RS9). */
  communityId: string
  /** The image pasted, dropped or chosen; null while the dialog is closed. */
  file: File | null
  onClose: () => void
}

/**
 * Adds an image to the notes: uploads it at once (progress, Cancel), asks meanwhile what it
 * shows for people who cannot see it, then puts it at the caret, where everyone sees it.
 */
export function EditorImageDialog({ editor, communityId, file, onClose }: Props) {
  const altRef = useRef<HTMLInputElement>(null)
  return (
    <Dialog
      open={file !== null}
      title="Add an image to the notes"
      onClose={onClose}
      initialFocus={altRef}
      closeButton={false}
    >
      {file && (
        <ImageForm
          key={`${file.name}:${file.size}:${file.lastModified}`}
          {...{ editor, communityId, file, onClose, altRef }}
        />
      )}
    </Dialog>
  )
}

function ImageForm({
  editor,
  communityId,
  file,
  onClose,
  altRef,
}: Omit<Props, 'file'> & { file: File; altRef: React.RefObject<HTMLInputElement | null> }) {
  const upload = useUpload(communityId)
  const { start } = upload
  const [alt, setAlt] = useState(() => altFromFileName(file.name))
  const [altError, setAltError] = useState<string | null>(null)
  const id = useId()
  useEffect(() => {
    void start(file)
  }, [start, file])
  const { state } = upload

  const insert = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const text = alt.trim()
    if (!text) {
      setAltError('Say in a few words what the image shows.')
      altRef.current?.focus()
      return
    }
    if (state.phase !== 'done') return
    editor.chain().focus().setImage({ src: state.resource.url, alt: text }).run()
    onClose()
  }
  const cancel = () => {
    upload.cancel()
    onClose()
    editor.commands.focus()
  }

  return (
    <form className="stack-form dialog__body image-dialog" onSubmit={insert} noValidate>
      <div className="field">
        <label htmlFor={`${id}-alt`}>Describe the image (alt text)</label>
        <p id={`${id}-hint`} className="hint">
          What someone who cannot see it needs to know, e.g. “Student’s fraction strip, 3/4 shaded”.
        </p>
        <input
          ref={altRef}
          id={`${id}-alt`}
          type="text"
          value={alt}
          maxLength={500}
          aria-invalid={altError ? true : undefined}
          aria-describedby={altError ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => {
            setAlt(e.target.value)
            setAltError(null)
          }}
        />
        {altError && (
          <p id={`${id}-error`} className="field-error">
            {altError}
          </p>
        )}
      </div>
      {state.phase === 'uploading' && (
        <UploadProgress
          fileName={state.fileName}
          loaded={state.loaded}
          total={state.total}
          onCancel={cancel}
        />
      )}
      {state.phase === 'done' && (
        <img
          className="image-dialog__preview"
          src={state.resource.url}
          alt={alt.trim() || 'The uploaded image'}
        />
      )}
      {state.phase === 'failed' && (
        <p className="error" role="alert">
          {state.error.code === 'not_found'
            ? 'Images can be added by members of this community only.'
            : state.error.message}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {state.phase === 'done' ? 'Uploaded. Insert the image when its description is right.' : ''}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={cancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={state.phase !== 'done' || undefined}
        >
          {state.phase === 'uploading' ? 'Uploading…' : 'Insert image'}
        </button>
      </div>
    </form>
  )
}
