import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import type { RunSummary } from '../../../../shared/types/sync';
import { api, toApiError } from '../../api';
import { formatDateTime, formatSpan, runDurationMs } from '../../format';
import { useNow } from '../../hooks/use-now';
import { useRuns } from '../../hooks/use-runs';
import { useLocale, useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { VirtualTable } from '../common/VirtualTable';
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

/** Runs with their counts and duration, a chart per day, each run's items, and the audit CSV. */
export function HistoryTab({ serverId }: { serverId: string }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const { runs, error } = useRuns(serverId, 500);
  const [open, setOpen] = useState<RunSummary | null>(null);

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
              width: 230,
              render: (r) => `${t(`task.${r.task}`)}${r.dryRun ? ` · ${t('run.dryRun')}` : ''}`,
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
              width: 110,
              render: (r) => (
                <Button size="small" onClick={() => setOpen(r)} aria-label={t('history.openAria')}>
                  {t('history.open')}
                </Button>
              ),
            },
          ]}
        />
      </Paper>
      {open && <RunItemsDialog run={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
