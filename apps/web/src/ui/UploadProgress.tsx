import './upload-progress.css'
import { formatBytes } from './format-bytes.ts'

interface Props {
  fileName: string
  loaded: number
  total: number
  onCancel: () => void
}

/** An upload on its way: a labelled progress bar, how much of how much, and Cancel. */
export function UploadProgress({ fileName, loaded, total, onCancel }: Props) {
  const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0
  const label = `Uploading ${fileName}`
  return (
    <div className="upload-progress">
      <progress className="upload-progress__bar" aria-label={label} max={100} value={percent} />
      <p className="upload-progress__text">
        <span>
          {label}: {percent}% ({formatBytes(loaded)} of {formatBytes(total)})
        </span>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel upload
        </button>
      </p>
    </div>
  )
}
