import { flushSync } from 'react-dom'

/** The part of a schema validation error the forms need: one message per field. */
interface Issues {
  issues: readonly { path: readonly PropertyKey[]; message: string }[]
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>

/** The first message for each top-level field, for showing next to that field. */
export function fieldErrors<K extends string>(error: Issues): FieldErrors<K> {
  const errors: FieldErrors<K> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as K
    errors[field] ??= issue.message
  }
  return errors
}

/**
 * Shows the errors next to their fields and moves focus to the first invalid one, so the
 * problem is heard at once. Rendered synchronously: the field must be marked before focusing.
 */
export function showFieldErrors<K extends string>(
  setErrors: (errors: FieldErrors<K>) => void,
  errors: FieldErrors<K>,
  form: HTMLFormElement | null,
): void {
  flushSync(() => setErrors(errors))
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}
