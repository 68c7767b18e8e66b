/**
 * The PostgreSQL migrations, one line each; ../migrate.ts applies them in id order, whatever
 * the order of the lines here. To add one, create `NNNN-<what>.ts` exporting
 * `export const migration: Migration = { id: NNNN, name: '<what>', up: `<SQL>` }` and add:
 *
 *   export { migration as mNNNN } from './NNNN-<what>.ts'
 *
 * Ranges: 0001–0009 accounts and communities, 0010–0019 meetings, protocols, charter and
 * versions, 0020–0029 the document journal, 0030–0039 the archive (search, resources).
 */
export { migration as m0001 } from './0001-accounts.ts'
export { migration as m0002 } from './0002-communities.ts'
export { migration as m0003 } from './0003-sponsors.ts'
export { migration as m0010 } from './0010-meetings.ts'
export { migration as m0011 } from './0011-protocols.ts'
export { migration as m0012 } from './0012-charter.ts'
export { migration as m0013 } from './0013-versions.ts'
export { migration as m0014 } from './0014-meeting-cancellation.ts'
export { migration as m0015 } from './0015-affirmed-norms.ts'
export { migration as m0016 } from './0016-action-owners.ts'
export { migration as m0017 } from './0017-action-done-at.ts'
export { migration as m0018 } from './0018-calendar-keys.ts'
export { migration as m0019 } from './0019-meeting-shares-plan.ts'
export { migration as m0020 } from './0020-document-journal.ts'
export { migration as m0030 } from './0030-search.ts'
export { migration as m0031 } from './0031-resources.ts'
