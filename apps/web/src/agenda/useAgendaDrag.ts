import type { DragEvent } from 'react'
import { useState } from 'react'

export type DropSide = 'before' | 'after'

export interface DropTarget {
  id: string
  side: DropSide
}

interface DragState {
  dragging: string | null
  over: DropTarget | null
}

const MIME = 'application/x-confer-agenda-item'

/**
 * Drag-and-drop for the agenda outline (native HTML drag events): a row's handle starts the
 * drag, any row is a drop target, its upper or lower half says before or after it.
 * `onDrop(id, index)` gets the new position among the other items.
 */
export function useAgendaDrag(ids: readonly string[], onDrop: (id: string, toIndex: number) => void) {
  const [state, setState] = useState<DragState>({ dragging: null, over: null })

  const handleProps = (id: string) => ({
    draggable: true,
    onDragStart: (event: DragEvent<HTMLElement>) => {
      event.dataTransfer.effectAllowed = 'move'
      event.dataTransfer.setData(MIME, id)
      event.dataTransfer.setData('text/plain', id)
      // The whole row follows the pointer, not just the handle.
      const row = event.currentTarget.closest('li')
      if (row) event.dataTransfer.setDragImage(row, 24, 24)
      setState({ dragging: id, over: null })
    },
    onDragEnd: () => setState({ dragging: null, over: null }),
  })

  const rowProps = (id: string) => ({
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (state.dragging === null) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'move'
      const box = event.currentTarget.getBoundingClientRect()
      const side: DropSide = event.clientY > box.top + box.height / 2 ? 'after' : 'before'
      if (state.over?.id !== id || state.over.side !== side) setState((s) => ({ ...s, over: { id, side } }))
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      const dragged = state.dragging
      const over = state.over
      setState({ dragging: null, over: null })
      if (dragged === null || over === null) return
      event.preventDefault()
      if (over.id === dragged) return
      const others = ids.filter((other) => other !== dragged)
      const at = others.indexOf(over.id)
      if (at === -1) return
      onDrop(dragged, over.side === 'after' ? at + 1 : at)
    },
  })

  return { dragging: state.dragging, over: state.over, handleProps, rowProps }
}
