import type { Role } from '@confer/api'
import { useState } from 'react'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import type { Protocol, ProtocolBody } from '../protocols/protocol-types.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { createProtocol, deleteProtocol, getCommunityProtocols, updateProtocol } from './facilitation-api.ts'
import { ProtocolCard } from './ProtocolCard.tsx'
import { ProtocolEditor } from './ProtocolEditor.tsx'
import { draftFrom, emptyDraft, type ProtocolDraft } from './protocol-form.ts'
import './protocols.css'

type Editing =
  | { kind: 'new'; draft: ProtocolDraft; from: string | null }
  | { kind: 'edit'; protocol: Protocol }

/**
 * The protocols a team can run: the built-in library, and its own copies that it adapts
 * (members and facilitators edit; facilitators delete; observers read).
 */
export default function ProtocolLibrary({ communityId }: { communityId: string }) {
  const community = useApi(`community:${communityId}`, (signal) => getCommunity(communityId, signal))
  const protocols = useApi(`protocols:${communityId}`, (signal) => getCommunityProtocols(communityId, signal))
  const [editing, setEditing] = useState<Editing | null>(null)
  const [removing, setRemoving] = useState<Protocol | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const name = community.data?.community.name
  useDocumentTitle(name ? `Protocols · ${name}` : 'Protocols')

  const error = community.error ?? protocols.error
  if (error?.notFound) return <NotFound />
  if (!community.data || !protocols.data) {
    return error ? (
      <LoadError
        error={error}
        what="the protocols"
        onRetry={() => {
          community.reload()
          protocols.reload()
        }}
      />
    ) : (
      <PageLoading label="Loading protocols…" />
    )
  }
  const role: Role = community.data.community.role
  const canEdit = role !== 'observer'
  const { builtIn, own } = protocols.data

  const saved = (message: string) => {
    setEditing(null)
    setNotice(message)
    protocols.reload()
  }
  const save = async (body: ProtocolBody) => {
    if (editing?.kind === 'edit') {
      await updateProtocol(communityId, editing.protocol.id, body)
      saved(`Saved ${body.name}.`)
    } else {
      await createProtocol(communityId, body)
      saved(`${body.name} is now one of your team’s protocols.`)
    }
  }

  if (editing) {
    const isNew = editing.kind === 'new'
    return (
      <div className="page page--medium protocols-page">
        <ProtocolEditor
          title={
            isNew
              ? editing.from
                ? `Your version of ${editing.from}`
                : 'A new protocol'
              : `Edit ${editing.protocol.name}`
          }
          initial={isNew ? editing.draft : draftFrom(editing.protocol, false)}
          saveLabel={isNew ? 'Save for our team' : 'Save changes'}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      </div>
    )
  }

  return (
    <div className="page page--medium protocols-page">
      <p className="eyebrow">
        <Link to={`/c/${communityId}`}>{community.data.community.name}</Link>
      </p>
      <h1>Protocols</h1>
      <p className="lede">
        Structured conversations with timed steps. Copy one from the library and adapt its steps, minutes and
        prompts to your team.
      </p>
      <p className="success-note" role="status">
        {notice}
      </p>

      <section className="protocols-section" aria-labelledby="own-protocols">
        <div className="section-head">
          <h2 id="own-protocols">
            Our protocols <span className="count">({own.length})</span>
          </h2>
          {canEdit && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setEditing({ kind: 'new', draft: emptyDraft(), from: null })}
            >
              New protocol
            </button>
          )}
        </div>
        {own.length === 0 ? (
          <p className="empty-note">None yet. Copy one from the library below to make it your own.</p>
        ) : (
          <ul className="protocol-list">
            {own.map((protocol) => (
              <ProtocolCard key={protocol.id} protocol={protocol}>
                {canEdit && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setEditing({ kind: 'edit', protocol })}
                  >
                    Edit<span className="visually-hidden"> {protocol.name}</span>
                  </button>
                )}
                {role === 'facilitator' && (
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    onClick={() => {
                      setRemoveError(null)
                      setRemoving(protocol)
                    }}
                  >
                    Delete<span className="visually-hidden"> {protocol.name}</span>
                  </button>
                )}
              </ProtocolCard>
            ))}
          </ul>
        )}
      </section>

      <section className="protocols-section" aria-labelledby="library-protocols">
        <h2 id="library-protocols">Library</h2>
        <ul className="protocol-list">
          {builtIn.map((protocol) => (
            <ProtocolCard key={protocol.id} protocol={protocol}>
              {canEdit && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    setEditing({ kind: 'new', draft: draftFrom(protocol, true), from: protocol.name })
                  }
                >
                  Copy and edit<span className="visually-hidden"> {protocol.name}</span>
                </button>
              )}
            </ProtocolCard>
          ))}
        </ul>
      </section>

      <ConfirmDialog
        open={removing !== null}
        title={`Delete ${removing?.name ?? 'this protocol'}?`}
        confirmLabel="Delete"
        danger
        error={removeError}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return
          deleteProtocol(communityId, removing.id).then(
            () => {
              setRemoving(null)
              saved(`Deleted ${removing.name}.`)
            },
            (caught: unknown) =>
              setRemoveError(caught instanceof Error ? caught.message : 'Could not delete it.'),
          )
        }}
      >
        <p>Your team will no longer be able to start it. Meetings already held keep their notes.</p>
      </ConfirmDialog>
    </div>
  )
}
