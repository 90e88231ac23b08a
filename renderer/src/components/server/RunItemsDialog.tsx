import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { RunItem, RunSummary } from '../../../../shared/types/sync';
import { formatDateTime } from '../../format';
import { useRunItems } from '../../hooks/use-runs';
import { useLocale, useT, wordFor } from '../../i18n';
import { Cut, VirtualTable } from '../common/VirtualTable';
import { CountsLine } from './CountsLine';
import { sayExplain } from '../../../../shared/i18n/explain-texts';

/** Everything one run planned, changed, skipped or failed, filterable by status and text. */
export function RunItemsDialog({ run, onClose }: { run: RunSummary; onClose(): void }) {
  const t = useT();
  const locale = useLocale();
  const { items, error } = useRunItems(run.id);
  const [status, setStatus] = useState<'all' | RunItem['status']>('all');
  const [text, setText] = useState('');
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (items ?? []).filter(
      (i) =>
        (status === 'all' || i.status === status) &&
        (!needle || `${i.ref} ${i.newValue ?? ''} ${i.message ?? ''}`.toLowerCase().includes(needle)),
    );
  }, [items, status, text]);

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="run-items-title">
      <DialogTitle id="run-items-title">
        {t(`task.${run.task}`)}
        {run.dryRun && ` · ${t('run.dryRun')}`} · {formatDateTime(run.startedAt, locale)}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={1.5}>
          <Typography variant="body2">
            {t(`runState.${run.state}`)} · {t('run.requests', { n: run.requests })} · <CountsLine counts={run.counts} />
          </Typography>
          {run.error && <Typography color="error">{run.error}</Typography>}
          <Stack direction="row" spacing={1.5}>
            <TextField
              select
              id="items-status"
              label={t('items.status')}
              value={status}
              onChange={(e) => setStatus(e.target.value as typeof status)}
              sx={{ width: 200 }}
            >
              {(['all', 'done', 'planned', 'failed', 'skipped'] as const).map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`itemStatus.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id="items-filter"
              label={t('log.filter')}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </Stack>
          {error && <Typography color="error">{error.message}</Typography>}
          {items === null && !error ? (
            <LinearProgress />
          ) : (
            <VirtualTable
              rows={shown}
              label={t('items.label')}
              empty={t('items.empty')}
              rowKey={(r, i) => `${i}-${r.ref}`}
              columns={[
                { key: 'kind', label: t('plan.col.kind'), width: 90, render: (r) => wordFor(t, 'kind', r.kind) },
                {
                  key: 'action',
                  label: t('plan.col.action'),
                  width: 110,
                  render: (r) => wordFor(t, 'action', r.action),
                },
                { key: 'ref', label: t('plan.col.ref'), width: '28%', render: (r) => <Cut text={r.ref} /> },
                {
                  key: 'change',
                  label: t('plan.col.change'),
                  width: '20%',
                  render: (r) => (
                    <Cut text={r.oldValue !== null ? `${r.oldValue} → ${r.newValue ?? '—'}` : r.newValue} />
                  ),
                },
                { key: 'status', label: t('items.status'), width: 100, render: (r) => t(`itemStatus.${r.status}`) },
                {
                  key: 'why',
                  label: t('plan.col.details'),
                  render: (r) => <Cut text={r.message ?? sayExplain(r.explain, locale)} />,
                },
              ]}
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('error.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
