import { stringify } from 'csv-stringify/sync'

/** One action item as the CSV lists it: each item once, as its latest meeting's copy stands. */
export interface CsvAction {
  text: string
  ownerName: string | null
  due: string | null
  done: boolean
  /** The meeting of its latest copy. */
  meetingTitle: string
  meetingStartsAt: number
  /** When the earliest meeting that holds a copy of it started. */
  raisedAt: number
}

const COLUMNS = ['Action', 'Owner', 'Due', 'Status', 'Meeting', 'Meeting date', 'Raised'] as const

/** A calendar day in UTC, as the Markdown summary's times are (SPEC E3). */
const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10)

/**
 * Action items as CSV (SPEC X2): RFC 4180 (CRLF, fields holding a comma, quote or line break
 * quoted, quotes doubled) with a UTF-8 byte order mark, since Excel, the spreadsheet most schools
 * open a CSV in, reads a CSV without one in the local code page and garbles every accented name.
 * A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or CR) gets a
 * leading apostrophe: csv-stringify's `escape_formulas`, as OWASP recommends.
 */
export function actionsCsv(actions: readonly CsvAction[]): string {
  return stringify(
    actions.map((a) => [
      a.text,
      a.ownerName ?? '',
      a.due ?? '',
      a.done ? 'Done' : 'Open',
      a.meetingTitle,
      day(a.meetingStartsAt),
      day(a.raisedAt),
    ]),
    {
      bom: true,
      header: true,
      columns: [...COLUMNS],
      record_delimiter: 'windows',
      // Off by default once a record delimiter is set: a lone LF or CR in a cell must be quoted too.
      quote_record_delimiter: true,
      escape_formulas: true,
    },
  )
}
