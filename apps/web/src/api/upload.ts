import type { Resource, ResourceCreated } from '@confer/api'
import { ApiError } from './client.ts'

export interface UploadProgress {
  loaded: number
  total: number
}

export interface Upload {
  /** The resource the server kept, or an ApiError (`aborted` after cancel). */
  done: Promise<Resource>
  cancel(): void
}

/**
 * Uploads a file to a community's resources (multipart `title` then `file`). XMLHttpRequest
 * rather than fetch: its upload progress events work over the plain HTTP/1.1 a school server
 * often speaks, where a streaming fetch body (the only way fetch reports progress) is refused.
 */
export function uploadResource(
  communityId: string,
  file: File,
  options: { title?: string; onProgress?: (progress: UploadProgress) => void } = {},
): Upload {
  const xhr = new XMLHttpRequest()
  const done = new Promise<Resource>((resolve, reject) => {
    xhr.open('POST', `/api/communities/${encodeURIComponent(communityId)}/resources`)
    xhr.setRequestHeader('accept', 'application/json')
    xhr.responseType = 'text'
    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size })
    }
    xhr.onload = () => {
      const body = parse(xhr.responseText)
      if (xhr.status === 201 && body && typeof body === 'object' && 'resource' in body) {
        resolve((body as ResourceCreated).resource)
        return
      }
      const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown }
      reject(
        new ApiError(
          xhr.status,
          typeof error === 'string' ? error : 'unknown',
          typeof message === 'string' && message ? message : 'The upload failed. Try again.',
        ),
      )
    }
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'network', 'The upload did not reach Confer. Check your connection and try again.'),
      )
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'))
    const form = new FormData()
    if (options.title) form.append('title', options.title)
    form.append('file', file, file.name)
    xhr.send(form)
  })
  // A cancelled upload's rejection is expected: callers that stop listening must not see it as unhandled.
  done.catch(() => {})
  return { done, cancel: () => xhr.abort() }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}
