/**
 * Names of what this app keeps on the device. Logging out deletes all of it, so a shared
 * classroom laptop keeps nothing of the previous teacher's notes.
 */

/** IndexedDB database of one shared document: `confer:<document name>`. */
export const LOCAL_DB_PREFIX = 'confer:'

/** localStorage copies of unconfirmed edits made just before a page went away. */
export const RESCUE_KEY_PREFIX = 'confer.unsaved:'

/** Every localStorage key of this app starts with one of these. */
export const LOCAL_STORAGE_PREFIXES = ['confer.', 'confer:'] as const
