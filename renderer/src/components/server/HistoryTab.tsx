import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import UndoIcon from '@mui/icons-material/Undo';
import type { RunSummary } from '../../../../shared/types/sync';
import { api, toApiError } from '../../api';
import { formatDateTime, formatSpan, runDurationMs } from '../../format';
import { useNow } from '../../hooks/use-now';
import { useRuns } from '../../hooks/use-runs';
import { useLocale, useT } from '../../i18n';
import { useNavStore } from '../../stores/nav-store';
import { useNoticeStore } from '../../stores/notice-store';
import { usePlanTaskStore } from '../../stores/plan-task-store';
import { startRun } from '../../stores/start-run';
import { Cut, VirtualTable } from '../common/VirtualTable';
import { ActivityChart } from './ActivityChart';
import { CountsLine } from './CountsLine';
import { RunItemsDialog } from './RunItemsDialog';

const STATE_COLOR = {
  succeeded: 'success',
  partial: 'warning',
  failed: 'error',
  cancelled: 'default',
  running: 'info',
  queued: 'default',
} as const;

/** What an export run changed that a revert can set back (B10). */
const REVERTIBLE = ['prices', 'quantities', 'deactivated', 'reactivated', 'productsCreated'];

/** A real, finished export run that changed a price, a quantity or an active state can be reverted. */
function canRevert(run: RunSummary): boolean {
  return (
    run.task === 'export' &&
    !run.dryRun &&
    run.state !== 'running' &&
    run.state !== 'queued' &&
    REVERTIBLE.some((k) => (run.counts[k] ?? 0) > 0)
  );
}

/**
 * Runs with their counts and duration, a chart per day, each run's items, and the audit CSV. An
 * export run has "Върни": it plans the revert (a dry run) and opens it in the Plan tab to apply.
 */
export function HistoryTab({ serverId }: { serverId: string }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const { runs, error } = useRuns(serverId, 500);
  const [open, setOpen] = useState<RunSummary | null>(null);

  const revert = async (run: RunSummary) => {
    usePlanTaskStore.getState().setTask('revert');
    useNavStore.getState().setTab('plan');
    await startRun({ serverId, task: 'revert', dryRun: true, fullCompare: false, revertOf: run.id }, false);
  };
  const taskLabel = (r: RunSummary) => {
    const target = r.revertOf ? runs?.find((x) => x.id === r.revertOf) : undefined;
    // A revert names the run it set back, by its start (the run is in this list too).
    const name = target ? t('history.revertOf', { at: formatDateTime(target.startedAt, locale) }) : t(`task.${r.task}`);
    return `${name}${r.dryRun ? ` · ${t('run.dryRun')}` : ''}`;
  };

  const exportCsv = async () => {
    try {
      const { filename, csv, rows } = await api.auditExportCsv({ serverId });
      // A BOM so Excel opens the Cyrillic text as UTF-8.
      const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      useNoticeStore.getState().showSuccess(t('history.csvSaved', { n: rows, file: filename }));
    } catch (err) {
      useNoticeStore.getState().showError(toApiError(err));
    }
  };

  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!runs) return <LinearProgress />;
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" alignItems="flex-start" spacing={2} flexWrap="wrap" useFlexGap>
          <Stack sx={{ flex: 1, minWidth: 300 }}>
            <Typography fontWeight={600} component="h3">
              {t('history.chartTitle')}
            </Typography>
            <ActivityChart runs={runs} />
          </Stack>
          <Button startIcon={<DownloadIcon />} variant="outlined" onClick={() => void exportCsv()}>
            {t('history.csv')}
          </Button>
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography fontWeight={600} component="h3" sx={{ mb: 1 }}>
          {t('history.runs')}
        </Typography>
        <VirtualTable
          rows={runs}
          label={t('history.runs')}
          empty={t('history.empty')}
          height={460}
          rowKey={(r) => r.id}
          columns={[
            {
              key: 'at',
              label: t('history.col.started'),
              width: 120,
              render: (r) => formatDateTime(r.startedAt, locale),
            },
            {
              key: 'task',
              label: t('history.col.task'),
              width: 260,
              render: (r) => <Cut text={taskLabel(r)} />,
            },
            {
              key: 'state',
              label: t('history.col.result'),
              width: 120,
              render: (r) => (
                <Chip
                  size="small"
                  color={STATE_COLOR[r.state]}
                  label={t(`runState.${r.state}`)}
                  title={r.error ?? ''}
                />
              ),
            },
            {
              key: 'took',
              label: t('history.col.duration'),
              width: 90,
              render: (r) => formatSpan(runDurationMs(r, now), t),
            },
            { key: 'req', label: t('history.col.requests'), width: 80, align: 'right', render: (r) => r.requests },
            {
              key: 'counts',
              label: t('history.col.counts'),
              render: (r) => r.error ?? <CountsLine counts={r.counts} />,
            },
            {
              key: 'open',
              label: '',
              width: 190,
              render: (r) => (
                <Stack direction="row" spacing={0.5}>
                  <Button size="small" onClick={() => setOpen(r)} aria-label={t('history.openAria')}>
                    {t('history.open')}
                  </Button>
                  {canRevert(r) && (
                    <Button
                      size="small"
                      startIcon={<UndoIcon />}
                      onClick={() => void revert(r)}
                      title={t('history.revertAria')}
                      data-testid="history-revert"
                    >
                      {t('history.revert')}
                    </Button>
                  )}
                </Stack>
              ),
            },
          ]}
        />
      </Paper>
      {open && <RunItemsDialog run={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
