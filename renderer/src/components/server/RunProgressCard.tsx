import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { RunSummary } from '../../../../shared/types/sync';
import { api, toApiError } from '../../api';
import { formatSpan, runDurationMs } from '../../format';
import { useNow } from '../../hooks/use-now';
import { isMessageKey, useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { CountsLine } from './CountsLine';

/** One run in flight: its phase and step counts as a bar, requests sent, elapsed time; Cancel. */
export function RunProgressCard({ run }: { run: RunSummary }) {
  const t = useT();
  const now = useNow(1000);
  const [cancelling, setCancelling] = useState(false);
  const phaseKey = `phase.${run.phase}`;
  const phase = isMessageKey(phaseKey) ? t(phaseKey) : run.phase;
  const percent = run.total > 0 ? Math.min(100, (run.done / run.total) * 100) : null;
  const elapsedMs = runDurationMs(run, now);
  const perMinute = elapsedMs > 5_000 ? Math.round((run.requests / elapsedMs) * 60_000) : null;

  const cancel = async () => {
    setCancelling(true);
    try {
      await api.syncCancel({ runId: run.id });
    } catch (err) {
      useNoticeStore.getState().showError(toApiError(err));
      setCancelling(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-run-id={run.id} aria-label={t(`task.${run.task}`)}>
      <Stack direction="row" alignItems="center" spacing={2} sx={{ mb: 1 }}>
        <Typography fontWeight={600} sx={{ flex: 1 }}>
          {t(`task.${run.task}`)}
          {run.dryRun && ` · ${t('run.dryRun')}`}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {formatSpan(elapsedMs, t)}
        </Typography>
        <Button size="small" color="inherit" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? t('run.cancelling') : t('run.cancel')}
        </Button>
      </Stack>
      {/* Fixed heights: the card does not jump while numbers change. */}
      <Typography variant="body2" sx={{ height: 22 }} noWrap data-testid="run-phase">
        {phase}
        {run.total > 0 && ` ${run.done}/${run.total}`}
      </Typography>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        sx={{ height: 8, borderRadius: 4, my: 1 }}
        aria-label={phase}
      />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', minHeight: 22 }}>
        <Typography variant="body2" color="text.secondary">
          {t('run.requests', { n: run.requests })}
          {perMinute !== null && ` · ${t('run.perMinute', { n: perMinute })}`}
        </Typography>
        <CountsLine counts={run.counts} />
      </Box>
    </Paper>
  );
}
