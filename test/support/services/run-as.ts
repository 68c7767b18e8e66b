import fs from 'node:fs'

export interface RunAs {
  name: string
  uid: number
  gid: number
}

/**
 * PostgreSQL refuses to run as root, and CI and fresh machines run the tests as root. Then it
 * runs as the machine's `postgres` user when there is one, else as `nobody`; no user is created.
 * Undefined when we are not root: it runs as us.
 */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined
  const users = readPasswd()
  const user = users.get('postgres') ?? users.get('nobody')
  if (!user)
    throw new Error(
      'Running as root, and /etc/passwd has neither a postgres nor a nobody user for PostgreSQL to run as',
    )
  return user
}

function readPasswd(): Map<string, RunAs> {
  const users = new Map<string, RunAs>()
  for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [name, , uid, gid] = line.split(':')
    if (name && uid && gid) users.set(name, { name, uid: Number(uid), gid: Number(gid) })
  }
  return users
}
