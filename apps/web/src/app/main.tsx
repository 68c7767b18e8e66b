import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { leaveDevice } from '../auth/logout.ts'
import { refreshSession, startSession } from '../auth/session-store.ts'
import { followOtherTabs } from '../auth/tab-sync.ts'
import { App } from './App.tsx'
import '../styles/base.css'
import '../styles/layout.css'
import '../styles/forms.css'
import '../styles/dialog.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html is missing #root')

startSession()
followOtherTabs({
  'logged-out': () => void leaveDevice(),
  'signed-in': () => void refreshSession(),
})

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
