import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { pwaOptions } from './src/offline/sw-config.ts'

const server = 'http://127.0.0.1:3000'

/** A package under node_modules, also inside pnpm's `.pnpm/<name>@<version>/node_modules/`. */
const pkg = (names: string) => new RegExp(`node_modules[\\\\/](?:${names})`)

// Only the meeting pages need the editor and sync libraries: they load with the notes,
// in two chunks that download in parallel and stay cached across app releases.
const reactLibs = pkg('react[\\\\/]|react-dom[\\\\/]|scheduler[\\\\/]')
const syncLibs = pkg('yjs|y-protocols|y-indexeddb|lib0|@hocuspocus')
const editorLibs = pkg('@tiptap|prosemirror-|linkifyjs|orderedmap|rope-sequence|w3c-keyname|markdown-it')
// Form validation (the API's zod schemas) loads on demand, when a form appears (src/api/schemas.ts).
const schemaLibs = /node_modules[\\/](?:zod[\\/]|@confer[\\/]api[\\/])|packages[\\/]api[\\/]/

export default defineConfig({
  // The service worker: the app shell and the API's last answers, for offline reloads (issue 27).
  plugins: [react(), VitePWA(pwaOptions)],
  resolve: {
    // A second copy of any of these breaks collaboration silently (DESIGN §5).
    dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm', '@tiptap/core'],
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/collab': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: reactLibs, priority: 3 },
            { name: 'sync', test: syncLibs, priority: 2 },
            { name: 'editor', test: editorLibs, priority: 1 },
            { name: 'schemas', test: schemaLibs, priority: 1 },
          ],
        },
      },
    },
  },
})
