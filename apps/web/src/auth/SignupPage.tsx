import { type FormEvent, useRef, useState } from 'react'
import { signup } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { Link } from '../routing/Link.tsx'
import { navigate } from '../routing/router.ts'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { loginPath } from '../session/next-path.ts'
import { refreshSession } from '../session/session-store.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { useAction } from '../ui/useAction.ts'
import { tellOtherTabs } from './tab-sync.ts'
import { useAuthRedirect } from './useAuthRedirect.ts'
import './auth.css'

type SignupField = 'name' | 'email' | 'password'

export function SignupPage() {
  usePreloadSchemas()
  useDocumentTitle('Sign up')
  const next = useAuthRedirect()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState({ name: '', email: '', password: '' })
  const [errors, setErrors] = useState<FieldErrors<SignupField>>({})
  const action = useAction()

  const change = (field: SignupField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }))
    setErrors((prev) => ({ ...prev, [field]: undefined }))
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = (await loadSchemas()).SignupBody.safeParse(values)
    if (!parsed.success) {
      showFieldErrors(setErrors, fieldErrors<SignupField>(parsed.error), formRef.current)
      return
    }
    const outcome = await action.run(async () => {
      await signup(parsed.data)
      await refreshSession()
      tellOtherTabs('signed-in')
    })
    if (outcome.ok) navigate(next, { replace: true })
  }

  // A taken address belongs next to the email field; anything else above the button.
  const emailTaken = action.error?.code === 'email_taken' ? action.error.message : null
  const formError = action.error && !emailTaken ? action.error.message : null

  return (
    <section className="page auth-page" aria-labelledby="signup-title">
      <h1 id="signup-title">Create your Confer account</h1>
      {next.startsWith('/invite/') && (
        <p className="notice">After signing up you will come back to your invitation to join it.</p>
      )}
      <form ref={formRef} className="card auth-form" onSubmit={onSubmit} noValidate>
        <Field label="Your name" hint="Your team sees this name next to your cursor." error={errors.name}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="name"
              value={values.name}
              onChange={(e) => change('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Email" error={errors.email ?? emailTaken}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={values.email}
              onChange={(e) => change('email', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Password"
          hint="At least 10 characters. A short sentence you will remember works well."
          error={errors.password}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => change('password', e.target.value)}
            />
          )}
        </Field>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        {emailTaken && (
          <p className="visually-hidden" role="alert">
            {emailTaken}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-page__switch">
        Already have an account? <Link to={loginPath(next)}>Log in</Link>
      </p>
    </section>
  )
}
