/**
 * Names the page and the service worker (built from sw-config.ts) must agree on. The worker's
 * own code is serialized by its source, so the message type is written out there as well.
 */

/** The Cache Storage cache holding the last answers of the API's JSON reads. */
export const API_CACHE = 'confer-api'

/** What the worker posts to a page it answered from API_CACHE because the network failed. */
export const STORED_ANSWER_MESSAGE = 'confer:stored-answer'
