import { useChimeSetting } from './useChimeSetting.ts'

/** Sound on or off for this device (remembered); a toggle button a screen reader reads as such. */
export function ChimeToggle({ className = 'button button--quiet button--small' }: { className?: string }) {
  const [on, setOn] = useChimeSetting()
  return (
    <button
      type="button"
      className={`${className} chime-toggle`}
      aria-pressed={on}
      onClick={() => setOn(!on)}
    >
      Chime when time is up
      {/* The pressed state is what assistive technology hears; this is the same for the eye. */}
      <span className="chime-toggle__state" aria-hidden="true">
        {on ? 'on' : 'off'}
      </span>
    </button>
  )
}
