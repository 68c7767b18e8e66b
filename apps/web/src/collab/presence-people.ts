/** One open copy of the document (a tab, a phone) as its awareness state shows it. */
export interface PresenceDevice {
  clientId: number
  /** The account, as the server stamps it on everyone's presence; null for a malformed entry. */
  userId: string | null
  name: string
  color: string
  isSelf: boolean
  idle: boolean
  itemId: string | null
  /** When this device's state last changed here (0: before we started watching). */
  changedAt: number
}

/** One person in "Here now", however many devices they have the document open on (SPEC P1). */
export interface Participant {
  /** Stable while the person stays: the account, or the device for an entry without one. */
  key: string
  /** The device the details below come from (the most recently active one). */
  clientId: number
  userId: string | null
  name: string
  color: string
  /** This account, on this device or another. */
  isSelf: boolean
  /** Every device of theirs is idle (no input for a while, or the tab in the background). */
  idle: boolean
  /** The agenda item whose notes hold their caret, on the most recently active device that has one. */
  itemId: string | null
  /** How many devices (tabs) they have this document open on. */
  devices: number
}

/** Active devices first, then the one that changed last. */
function byRecency(a: PresenceDevice, b: PresenceDevice): number {
  return Number(a.idle) - Number(b.idle) || b.changedAt - a.changedAt || a.clientId - b.clientId
}

/**
 * Folds the devices of one account into one entry: the same teacher on a laptop and a phone is
 * one person here. Entries without an account (never from our server) stay one per device.
 */
export function groupByPerson(devices: readonly PresenceDevice[]): Participant[] {
  const groups = new Map<string, PresenceDevice[]>()
  for (const device of devices) {
    const key = device.userId === null ? `device:${device.clientId}` : `user:${device.userId}`
    const group = groups.get(key)
    if (group) group.push(device)
    else groups.set(key, [device])
  }
  const people: Participant[] = []
  for (const [key, group] of groups) {
    group.sort(byRecency)
    const [latest] = group
    if (!latest) continue
    people.push({
      key,
      clientId: latest.clientId,
      userId: latest.userId,
      name: latest.name,
      color: latest.color,
      isSelf: group.some((device) => device.isSelf),
      idle: group.every((device) => device.idle),
      itemId: group.find((device) => device.itemId !== null)?.itemId ?? null,
      devices: group.length,
    })
  }
  return people.sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.key.localeCompare(b.key),
  )
}

export function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]
      return (
        q !== undefined &&
        p.key === q.key &&
        p.clientId === q.clientId &&
        p.userId === q.userId &&
        p.name === q.name &&
        p.color === q.color &&
        p.isSelf === q.isSelf &&
        p.idle === q.idle &&
        p.itemId === q.itemId &&
        p.devices === q.devices
      )
    })
  )
}
