import { type FormEvent, useRef, useState } from 'react'
import { login } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { Link } from '../routing/Link.tsx'
import { navigate } from '../routing/router.ts'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { signupPath } from '../session/next-path.ts'
import { refreshSession } from '../session/session-store.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { useAction } from '../ui/useAction.ts'
import { tellOtherTabs } from './tab-sync.ts'
import { useAuthRedirect } from './useAuthRedirect.ts'
import './auth.css'

type LoginField = 'email' | 'password'

export function LoginPage() {
  usePreloadSchemas()
  useDocumentTitle('Log in')
  const next = useAuthRedirect()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState({ email: '', password: '' })
  const [errors, setErrors] = useState<FieldErrors<LoginField>>({})
  const action = useAction()

  const change = (field: LoginField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }))
    setErrors((prev) => ({ ...prev, [field]: undefined }))
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = (await loadSchemas()).LoginBody.safeParse(values)
    if (!parsed.success) {
      showFieldErrors(setErrors, fieldErrors<LoginField>(parsed.error), formRef.current)
      return
    }
    const outcome = await action.run(async () => {
      await login(parsed.data)
      await refreshSession()
      tellOtherTabs('signed-in')
    })
    if (outcome.ok) navigate(next, { replace: true })
  }

  return (
    <section className="page auth-page" aria-labelledby="login-title">
      <h1 id="login-title">Log in to Confer</h1>
      {next !== '/' && <p className="notice">Log in to continue to the page you opened.</p>}
      <form ref={formRef} className="card auth-form" onSubmit={onSubmit} noValidate>
        <Field label="Email" error={errors.email}>
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
        <Field label="Password" error={errors.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={values.password}
              onChange={(e) => change('password', e.target.value)}
            />
          )}
        </Field>
        {action.error && (
          <p className="error" role="alert">
            {action.error.message}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="auth-page__switch">
        New to Confer? <Link to={signupPath(next)}>Create an account</Link>
      </p>
    </section>
  )
}
