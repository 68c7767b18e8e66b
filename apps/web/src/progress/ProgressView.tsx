import type { CommunityProgress } from '@confer/api'
import { ActionsChart, GoalCharts, MeetingsChart, NormsCharts } from './ProgressCharts.tsx'
import { ProgressSummary } from './ProgressSummary.tsx'

/** One community's progress: where it stands, its goals' lines, meetings, action items, norms. */
export function ProgressView({ progress, level }: { progress: CommunityProgress; level: 2 | 3 }) {
  return (
    <div className="progress-view">
      <ProgressSummary progress={progress} level={level} />
      <GoalCharts goals={progress.goals} level={level} />
      <div className="progress-view__pair">
        <MeetingsChart meetings={progress.meetings} level={level} />
        <ActionsChart weeks={progress.actionsByWeek} level={level} />
      </div>
      <NormsCharts norms={progress.normsTrend} level={level} />
    </div>
  )
}
