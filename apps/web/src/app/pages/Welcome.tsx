import { Link } from '../../routing/Link.tsx'
import { useDocumentTitle } from '../../routing/useDocumentTitle.ts'

/** The start page for people who are not signed in: what Confer is, and the way in. */
export function Welcome() {
  useDocumentTitle('')
  return (
    <section className="page page--narrow welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Meeting notes your whole team writes together</h1>
      <p className="lede">
        Confer is a shared workspace for teacher teams — professional learning communities, grade-level teams,
        critical-friends groups. Everyone opens the same meeting on their own device and takes notes under
        each agenda item at the same time.
      </p>
      <ul className="welcome__points">
        <li>See each other’s cursors and names as you write.</li>
        <li>
          Nothing is lost when the school Wi-Fi drops: notes are kept on your device and merge on reconnect.
        </li>
        <li>Only your team sees its meetings; observers and visiting schools follow read-only.</li>
      </ul>
      <div className="welcome__actions">
        <Link to="/signup" className="button button--primary">
          Sign up
        </Link>
        <Link to="/login" className="button button--secondary">
          Log in
        </Link>
      </div>
    </section>
  )
}
