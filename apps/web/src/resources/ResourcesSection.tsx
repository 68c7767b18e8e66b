import type { Community, Resource } from '@confer/api'
import { useState } from 'react'
import { useMe } from '../session/useSession.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { useAction } from '../ui/useAction.ts'
import { AddLinkForm } from './AddLinkForm.tsx'
import { ResourceRow } from './ResourceRow.tsx'
import { deleteResource } from './resources-api.ts'
import { UploadForm } from './UploadForm.tsx'
import { useResources } from './useResources.ts'
import './resources.css'

/**
 * A team's shared links and files (SPEC RS1–RS9): everyone in it sees the list, members add
 * links and upload files, whoever added one (or a facilitator) deletes it. The list follows
 * what others add and delete as it happens.
 */
export function ResourcesSection({ community }: { community: Community }) {
  const resources = useResources(community.id)
  const me = useMe().user.id
  const [deleting, setDeleting] = useState<Resource | null>(null)
  const removal = useAction()
  const contributor = community.role !== 'observer'
  const list = resources.data

  const confirmDelete = async () => {
    if (!deleting) return
    const outcome = await removal.run(() => deleteResource(deleting.id))
    if (!outcome.ok) return
    setDeleting(null)
    resources.reload()
  }

  return (
    <section className="card resources" aria-labelledby="resources-title">
      <h2 id="resources-title">
        Resources {list && list.length > 0 && <span className="count">({list.length})</span>}
      </h2>
      {list ? (
        list.length === 0 ? (
          <p className="empty-note">
            Nothing shared yet. Links, student work, handouts and slides the team uses show up here.
          </p>
        ) : (
          <ul className="resources__list" aria-label="Shared links and files, newest first">
            {list.map((resource) => (
              <ResourceRow
                key={resource.id}
                resource={resource}
                canDelete={
                  community.role === 'facilitator' || (contributor && resource.addedBy.userId === me)
                }
                onDelete={(r) => {
                  removal.clearError()
                  setDeleting(r)
                }}
              />
            ))}
          </ul>
        )
      ) : resources.error ? (
        <LoadError error={resources.error} what="the resources" onRetry={resources.reload} />
      ) : (
        <PageLoading label="Loading resources…" />
      )}
      {contributor && (
        <div className="resources__add">
          <UploadForm communityId={community.id} onAdded={resources.reload} />
          <AddLinkForm communityId={community.id} onAdded={resources.reload} />
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this resource?"
        confirmLabel="Delete"
        danger
        pending={removal.pending}
        error={removal.error?.message}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting?.title} will be gone for everyone in {community.name}
          {deleting?.kind === 'file' ? ', and images of it in meeting notes will no longer show' : ''}.
        </p>
      </ConfirmDialog>
    </section>
  )
}
