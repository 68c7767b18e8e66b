import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { leaveDevice } from '../auth/logout.ts'
import { followOtherTabs } from '../auth/tab-sync.ts'
import { OfflineBanner } from '../offline/OfflineBanner.tsx'
import { refreshSession, startSession } from '../session/session-store.ts'
import { App } from './App.tsx'
import { startOfflineShell } from './offline-shell.ts'
import '../styles/base.css'
import '../styles/layout.css'
import '../styles/forms.css'
import '../styles/dialog.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html is missing #root')

startSession()
startOfflineShell()
followOtherTabs({
  'logged-out': () => void leaveDevice(),
  'signed-in': () => void refreshSession(),
})

createRoot(root).render(
  <StrictMode>
    <App />
    <OfflineBanner />
  </StrictMode>,
)
