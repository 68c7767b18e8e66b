import type { Resource } from '@confer/api'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from './client.ts'
import { type Upload, uploadResource } from './upload.ts'

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; loaded: number; total: number }
  | { phase: 'done'; resource: Resource }
  | { phase: 'failed'; error: ApiError }

/**
 * One upload at a time to a community's resources, with its progress, and Cancel. Leaving the
 * page (unmounting) cancels what is still on its way.
 */
export function useUpload(communityId: string) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' })
  const current = useRef<Upload | null>(null)
  useEffect(() => () => current.current?.cancel(), [])

  const start = useCallback(
    (file: File, title?: string): Promise<Resource | null> => {
      current.current?.cancel()
      setState({ phase: 'uploading', fileName: file.name, loaded: 0, total: file.size })
      const upload = uploadResource(communityId, file, {
        ...(title ? { title } : {}),
        onProgress: ({ loaded, total }) => {
          if (current.current === upload) setState({ phase: 'uploading', fileName: file.name, loaded, total })
        },
      })
      current.current = upload
      return upload.done.then(
        (resource) => {
          if (current.current === upload) setState({ phase: 'done', resource })
          current.current = null
          return resource
        },
        (error: ApiError) => {
          if (current.current !== upload) return null
          current.current = null
          setState(error.code === 'aborted' ? { phase: 'idle' } : { phase: 'failed', error })
          return null
        },
      )
    },
    [communityId],
  )

  const cancel = useCallback(() => {
    const upload = current.current
    current.current = null
    upload?.cancel()
    setState({ phase: 'idle' })
  }, [])

  const reset = useCallback(() => setState({ phase: 'idle' }), [])
  return { state, start, cancel, reset }
}
