/**
 * The one way the web app talks to the REST API: JSON in and out, the session cookie sent
 * same-origin, typed results, and every failure as an ApiError carrying the server's message.
 */

export class ApiError extends Error {
  readonly status: number
  /** The API's `error` code (DESIGN §3), or `network` when the server could not be reached. */
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }

  get notFound(): boolean {
    return this.status === 404
  }
}

const NETWORK_MESSAGE = 'Confer cannot be reached right now. Check your connection and try again.'
const FALLBACK_MESSAGE = 'Something went wrong. Try again.'

export interface RequestOptions {
  body?: unknown
  signal?: AbortSignal
  /**
   * A 401 is an answer here (reading who is signed in, a wrong password), not a sign that the
   * session ended; otherwise any 401 sends the person to the log-in page.
   */
  allowUnauthenticated?: boolean
}

let onUnauthenticated: () => void = () => {}

/** Called on any 401 outside `allowUnauthenticated` requests (the session store installs it). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function errorFrom(status: number, body: unknown): ApiError {
  const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown }
  return new ApiError(
    status,
    typeof error === 'string' ? error : 'unknown',
    typeof message === 'string' && message ? message : FALLBACK_MESSAGE,
  )
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, signal, allowUnauthenticated = false } = options
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError(0, 'network', NETWORK_MESSAGE)
  }
  const payload = await readBody(response)
  if (response.ok) return payload as T
  if (response.status === 401 && !allowUnauthenticated) onUnauthenticated()
  throw errorFrom(response.status, payload)
}

/** A GET whose answer is text (Markdown, iCalendar), with the same errors as apiRequest. */
export async function apiText(
  path: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<string> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin', signal: options.signal ?? null })
  } catch (error) {
    if (options.signal?.aborted) throw error
    throw new ApiError(0, 'network', NETWORK_MESSAGE)
  }
  if (response.ok) return response.text()
  if (response.status === 401) onUnauthenticated()
  throw errorFrom(response.status, await readBody(response))
}

/** Turns anything thrown into a message fit to show. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : FALLBACK_MESSAGE
}
