import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { RunSummary, ServerStatus, TaskKind } from '../../../../shared/types/sync';
import { useT } from '../../i18n';
import { CountsLine } from './CountsLine';
import { LogView } from './LogView';
import { RunProgressCard } from './RunProgressCard';
import { LastRunLine } from './StatusChips';

/** The run view: what runs now (progress, requests, Cancel), what ran last, and the live log. */
export function ActivityTab({ serverId, status }: { serverId: string; status: ServerStatus | undefined }) {
  const t = useT();
  const active = status?.activeRuns ?? [];
  return (
    <Stack spacing={2}>
      {active.length === 0 && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography color="text.secondary">
            {status?.started ? t('activity.idleStarted') : t('activity.idleStopped')}
          </Typography>
        </Paper>
      )}
      {active.map((run) => (
        <RunProgressCard key={run.id} run={run} />
      ))}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography fontWeight={600} component="h3" sx={{ mb: 1 }}>
          {t('activity.lastRuns')}
        </Typography>
        <Stack spacing={1}>
          {(['import', 'export', 'download-goods'] as const).map((task) => (
            <LastRunDetail key={task} task={task} run={status?.lastRuns[task] ?? null} />
          ))}
        </Stack>
      </Paper>
      <LogView serverId={serverId} />
    </Stack>
  );
}

function LastRunDetail({ task, run }: { task: TaskKind; run: RunSummary | null }) {
  return (
    <div data-last-run={task}>
      <LastRunLine task={task} run={run} />
      {run && (
        <Typography variant="body2" color={run.error ? 'error' : 'text.secondary'} sx={{ pl: 2.5 }}>
          {run.error ?? <CountsLine counts={run.counts} />}
        </Typography>
      )}
    </div>
  );
}
