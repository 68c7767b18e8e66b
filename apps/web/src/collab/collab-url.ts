import { COLLAB_PATH } from '@confer/model'

/** The collaboration socket lives on the page's own origin, so cookies and TLS come along. */
export function collabUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}${COLLAB_PATH}`
}
