import { UPLOAD_ACCEPT } from '@confer/api'
import { type FormEvent, useRef, useState } from 'react'
import { useUpload } from '../api/useUpload.ts'
import { Field } from '../ui/Field.tsx'
import { UploadProgress } from '../ui/UploadProgress.tsx'

/** Shares a file: chosen, optionally titled, uploaded with a progress bar and a Cancel button. */
export function UploadForm({ communityId, onAdded }: { communityId: string; onAdded: () => void }) {
  const upload = useUpload(communityId)
  const [file, setFile] = useState<File | null>(null)
  const [title, setTitle] = useState('')
  const [missing, setMissing] = useState(false)
  const [done, setDone] = useState('')
  const picker = useRef<HTMLInputElement>(null)
  const { state } = upload

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!file) {
      setMissing(true)
      picker.current?.focus()
      return
    }
    setDone('')
    const resource = await upload.start(file, title.trim() || undefined)
    if (!resource) return
    setDone(`${resource.title} is shared.`)
    setFile(null)
    setTitle('')
    if (picker.current) picker.current.value = ''
    onAdded()
  }

  return (
    <form className="stack-form resources-form" onSubmit={onSubmit} aria-label="Upload a file">
      <Field
        label="File"
        hint="PDF, images, office documents or plain text, up to 25 MB."
        error={missing ? 'Choose a file to upload.' : null}
      >
        {(control) => (
          <input
            {...control}
            ref={picker}
            type="file"
            accept={UPLOAD_ACCEPT}
            disabled={state.phase === 'uploading'}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setMissing(false)
              upload.reset()
            }}
          />
        )}
      </Field>
      <Field label="List it as (optional)" hint="The file's name when left empty.">
        {(control) => (
          <input
            {...control}
            type="text"
            value={title}
            disabled={state.phase === 'uploading'}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      {state.phase === 'uploading' ? (
        <UploadProgress
          fileName={state.fileName}
          loaded={state.loaded}
          total={state.total}
          onCancel={() => {
            upload.cancel()
            setDone('Upload cancelled.')
          }}
        />
      ) : (
        <button type="submit" className="button button--secondary">
          Upload file
        </button>
      )}
      {state.phase === 'failed' && (
        <p className="error" role="alert">
          {state.error.message}
        </p>
      )}
      <p className="resources-form__status" role="status">
        {done}
      </p>
    </form>
  )
}
