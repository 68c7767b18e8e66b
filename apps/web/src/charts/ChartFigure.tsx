import { type ReactNode, useId, useState } from 'react'
import './charts.css'

export interface Column<T> {
  header: string
  cell: (row: T) => ReactNode
}

interface Props<T> {
  /** Names the figure and its table ("Progress toward: Raise reading fluency"). */
  title: string
  /** What the chart shows, in one sentence, for whoever cannot see it. */
  summary: string
  rows: readonly T[]
  columns: readonly Column<T>[]
  rowKey: (row: T, index: number) => string
  /** The drawing (a recharts chart); only drawn when there are rows. */
  chart: ReactNode
  /** Said instead of the chart and the table when there are no rows. */
  empty: ReactNode
}

/**
 * A chart with its table alternative. The table is always in the page for screen readers (hidden
 * only visually); "Show as table" shows it to everyone instead of the drawing. The drawing itself
 * is one image to assistive technology, named by `summary`, so nothing is read twice.
 */
export function ChartFigure<T>({ title, summary, rows, columns, rowKey, chart, empty }: Props<T>) {
  const id = useId()
  const [asTable, setAsTable] = useState(false)
  if (rows.length === 0) {
    return (
      <figure className="chart chart--empty" aria-labelledby={`${id}-title`}>
        <figcaption id={`${id}-title`} className="chart__title">
          {title}
        </figcaption>
        <p className="notice">{empty}</p>
      </figure>
    )
  }
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <div className="chart__head">
        <figcaption id={`${id}-title`} className="chart__title">
          {title}
        </figcaption>
        <button
          type="button"
          className="button button--quiet button--small chart__toggle"
          aria-controls={`${id}-table`}
          onClick={() => setAsTable((shown) => !shown)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {!asTable && (
        <div className="chart__plot" role="img" aria-label={`${summary} The numbers follow in a table.`}>
          {chart}
        </div>
      )}
      <div id={`${id}-table`} className={asTable ? 'chart__table' : 'visually-hidden'}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
