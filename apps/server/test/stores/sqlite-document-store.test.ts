import { afterEach } from 'vitest'
import { openDatabase } from '../../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../../src/stores/sqlite/sqlite-document-store.ts'
import { tempDataDir } from '../test-server.ts'
import { documentStoreContract } from './document-store.contract.ts'

const opened: { close(): void }[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function openStore(dataDir: string): SqliteDocumentStore {
  const db = openDatabase(dataDir)
  opened.push(db)
  return new SqliteDocumentStore(db)
}

documentStoreContract('SQLite (node:sqlite, WAL)', async () => {
  const dataDir = tempDataDir()
  return { store: openStore(dataDir), reopen: async () => openStore(dataDir) }
})
