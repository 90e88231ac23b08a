import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import WarningIcon from '@mui/icons-material/Warning';
import type { RunSummary, ServerStatus, TaskKind } from '../../../../shared/types/sync';
import { formatAgo, formatDateTime, orderAgeLevel } from '../../format';
import { useLocale, useT } from '../../i18n';
import { useNow } from '../../hooks/use-now';

export type ServerState = 'stopped' | 'running' | 'busy' | 'failed' | 'partial';

/** One word for a server: a run in progress beats failed (or partly failed), which beats running. */
export function serverState(status: ServerStatus | undefined): ServerState {
  if (!status) return 'stopped';
  if (status.activeRuns.length > 0) return 'busy';
  const last = Object.values(status.lastRuns).filter((r): r is RunSummary => r !== null);
  const latest = last.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  if (latest?.state === 'failed') return 'failed';
  if (latest?.state === 'partial') return 'partial';
  return status.started ? 'running' : 'stopped';
}

const STATE_LOOK = {
  stopped: { color: 'default', icon: <PauseCircleIcon /> },
  running: { color: 'success', icon: <PlayCircleIcon /> },
  busy: { color: 'info', icon: <HourglassTopIcon /> },
  failed: { color: 'error', icon: <ErrorIcon /> },
  partial: { color: 'warning', icon: <WarningIcon /> },
} as const;

export function ServerStateChip({ status }: { status: ServerStatus | undefined }) {
  const t = useT();
  const state = serverState(status);
  const look = STATE_LOOK[state];
  return (
    <Chip
      size="small"
      color={look.color}
      icon={look.icon}
      label={t(`state.${state}`)}
      variant={state === 'stopped' ? 'outlined' : 'filled'}
      data-state={state}
    />
  );
}

/** Time since the last successful order import: amber past an hour, red past 4 hours. */
export function OrderAgeChip({ at }: { at: string | null }) {
  const t = useT();
  const now = useNow();
  const level = orderAgeLevel(at, now);
  const color = level === 'red' ? 'error' : level === 'amber' ? 'warning' : level === 'ok' ? 'success' : 'default';
  return (
    <Tooltip title={t('orders.ageHelp')}>
      <Chip
        size="small"
        variant={level === 'never' ? 'outlined' : 'filled'}
        color={color}
        label={at ? formatAgo(at, now, t) : t('orders.never')}
        data-age={level}
      />
    </Tooltip>
  );
}

/** "Експорт: успешно, преди 3 мин" for one task, with the error as a tooltip when it failed. */
export function LastRunLine({ task, run }: { task: TaskKind; run: RunSummary | null }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const ok = run?.state === 'succeeded';
  return (
    <Stack direction="row" spacing={0.75} alignItems="center" sx={{ minWidth: 0 }}>
      {run &&
        (ok ? (
          <CheckCircleIcon fontSize="inherit" color="success" aria-hidden />
        ) : run.state === 'partial' ? (
          <WarningIcon fontSize="inherit" color="warning" aria-hidden />
        ) : run.state === 'running' || run.state === 'queued' ? (
          <HourglassTopIcon fontSize="inherit" color="info" aria-hidden />
        ) : (
          <ErrorIcon fontSize="inherit" color={run.state === 'cancelled' ? 'disabled' : 'error'} aria-hidden />
        ))}
      <Tooltip title={run ? (run.error ?? formatDateTime(run.startedAt, locale)) : ''}>
        <Typography variant="body2" noWrap>
          <strong>{t(`task.${task}`)}:</strong>{' '}
          {run
            ? `${t(`runState.${run.state}`)}, ${formatAgo(run.finishedAt ?? run.startedAt, now, t)}`
            : t('run.never')}
        </Typography>
      </Tooltip>
    </Stack>
  );
}
