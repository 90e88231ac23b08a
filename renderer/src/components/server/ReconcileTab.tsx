import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import DownloadIcon from '@mui/icons-material/Download';
import {
  RECONCILE_CLASSES,
  type ReconcileClass,
  type ReconcileReport,
  type ReconcileRow,
  type RecoverResult,
} from '../../../../shared/types/reconcile';
import { api, toApiError, type ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { useLocale, useT, type Translate } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { VirtualTable } from '../common/VirtualTable';
import { RecoverOrderDialog } from './RecoverOrderDialog';

const CLASS_COLOR: Record<ReconcileClass, 'success' | 'error' | 'warning' | 'default'> = {
  imported: 'success',
  missing: 'error',
  doubled: 'error',
  totals_differ: 'warning',
  cancelled_open: 'warning',
  cancelled: 'default',
  not_imported: 'default',
};

/** A local calendar day, YYYY-MM-DD, `daysBack` days before today. */
function day(daysBack = 0): string {
  const d = new Date();
  d.setDate(d.getDate() - daysBack);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Reconciliation (B4): store orders of a date range against Warehouse Pro, with "recover". */
export function ReconcileTab({ serverId }: { serverId: string }) {
  const t = useT();
  const locale = useLocale();
  const [from, setFrom] = useState(day(7));
  const [to, setTo] = useState(day(0));
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [shown, setShown] = useState<ReconcileClass | 'all'>('all');
  const [recovering, setRecovering] = useState<string | null>(null);
  // The recover's result, put into words at render time so a language switch follows it.
  const [outcome, setOutcome] = useState<{ orderId: string; result: RecoverResult } | null>(null);
  const said = outcome ? recoverOutcome(t, outcome.orderId, outcome.result) : null;

  const compare = async () => {
    setReading(true);
    setError(null);
    try {
      setReport(await api.ordersReconcile({ serverId, from, to }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setReading(false);
    }
  };

  const downloadCsv = () => {
    if (!report) return;
    const url = URL.createObjectURL(new Blob([report.csv.csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: report.csv.filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    useNoticeStore
      .getState()
      .showSuccess(t('reconcile.csvSaved', { file: report.csv.filename, n: report.rows.length }));
  };

  const recovered = (orderId: string, result: RecoverResult) => {
    setRecovering(null);
    setOutcome({ orderId, result });
    void compare();
  };

  const rows = useMemo(
    () => (report ? report.rows.filter((r) => shown === 'all' || r.class === shown) : []),
    [report, shown],
  );
  const money = (n: number | null) => (n === null ? '' : `${n.toFixed(2)} ${report?.databaseCurrency ?? ''}`);

  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('reconcile.intro')}
        </Typography>
        <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
          <TextField
            type="date"
            size="small"
            label={t('reconcile.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ width: 180 }}
          />
          <TextField
            type="date"
            size="small"
            label={t('reconcile.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ width: 180 }}
          />
          <Button
            variant="contained"
            startIcon={<CompareArrowsIcon />}
            onClick={() => void compare()}
            disabled={reading || !from || !to}
          >
            {t('reconcile.run')}
          </Button>
          <Button startIcon={<DownloadIcon />} variant="outlined" onClick={downloadCsv} disabled={!report || reading}>
            {t('reconcile.csv')}
          </Button>
        </Stack>
        {reading && (
          <Stack spacing={0.5} sx={{ mt: 2 }} role="status">
            <LinearProgress />
            <Typography variant="body2" color="text.secondary">
              {t('reconcile.reading')}
            </Typography>
          </Stack>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
        {said && (
          <Alert severity={said.severity} sx={{ mt: 2 }} onClose={() => setOutcome(null)}>
            {said.text}
          </Alert>
        )}
      </Paper>

      {!report && !reading && <Typography color="text.secondary">{t('reconcile.notRun')}</Typography>}
      {report && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('reconcile.summary', {
              n: report.rows.length,
              from: report.from,
              to: report.to,
              requests: report.requests,
              at: formatDateTime(report.readAt, locale),
            })}
          </Typography>
          <Stack
            direction="row"
            spacing={1}
            sx={{ mb: 1.5 }}
            flexWrap="wrap"
            useFlexGap
            role="group"
            aria-label={t('reconcile.filter')}
          >
            <Chip
              label={t('reconcile.filter.all', { n: report.rows.length })}
              color={shown === 'all' ? 'primary' : 'default'}
              variant={shown === 'all' ? 'filled' : 'outlined'}
              onClick={() => setShown('all')}
              aria-pressed={shown === 'all'}
            />
            {RECONCILE_CLASSES.map((c) => (
              <Chip
                key={c}
                label={`${t(`reconcile.class.${c}`)} (${report.counts[c] ?? 0})`}
                color={shown === c ? CLASS_COLOR[c] : 'default'}
                variant={shown === c ? 'filled' : 'outlined'}
                onClick={() => setShown(c)}
                aria-pressed={shown === c}
                disabled={(report.counts[c] ?? 0) === 0}
              />
            ))}
          </Stack>
          <VirtualTable
            rows={rows}
            label={t('reconcile.tableLabel')}
            empty={t('reconcile.empty')}
            height={460}
            rowKey={(r) => r.orderId}
            columns={[
              { key: 'order', label: t('reconcile.col.order'), width: 80, render: (r) => `#${r.orderId}` },
              { key: 'placed', label: t('reconcile.col.placed'), width: 165, render: (r) => r.placedAt },
              {
                key: 'customer',
                label: t('reconcile.col.customer'),
                render: (r) => <span title={r.customer}>{r.customer}</span>,
              },
              { key: 'status', label: t('reconcile.col.status'), width: 100, render: (r) => r.status },
              {
                key: 'class',
                label: t('reconcile.col.class'),
                width: 170,
                render: (r) => (
                  <Chip
                    size="small"
                    color={CLASS_COLOR[r.class]}
                    label={t(`reconcile.class.${r.class}`)}
                    title={r.attention ? t('reconcile.attention', { reason: r.attention }) : ''}
                  />
                ),
              },
              {
                key: 'docs',
                label: t('reconcile.col.documents'),
                width: 145,
                render: (r) => <span title={documentsText(r)}>{documentsText(r)}</span>,
              },
              {
                key: 'store',
                label: t('reconcile.col.storeTotal'),
                width: 130,
                align: 'right',
                render: (r) => (
                  <span title={`${r.conversion} (${t(`reconcile.basis.${r.basis}`)})`}>{money(r.storeTotal)}</span>
                ),
              },
              {
                key: 'doc',
                label: t('reconcile.col.documentTotal'),
                width: 130,
                align: 'right',
                render: (r) => money(r.documentTotal),
              },
              {
                key: 'act',
                label: '',
                width: 140,
                render: (r) =>
                  r.class === 'missing' ? (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => setRecovering(r.orderId)}
                      aria-label={t('reconcile.recoverAria', { id: r.orderId })}
                    >
                      {t('reconcile.recover')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Paper>
      )}
      {recovering && (
        <RecoverOrderDialog
          serverId={serverId}
          orderId={recovering}
          onClose={() => setRecovering(null)}
          onDone={(result) => recovered(recovering, result)}
        />
      )}
    </Stack>
  );
}

function documentsText(r: ReconcileRow): string {
  return r.documents.map((d) => `№ ${d.acct} (${d.date})`).join(', ');
}

function recoverOutcome(
  t: Translate,
  id: string,
  result: RecoverResult,
): { severity: 'success' | 'info' | 'warning'; text: string } {
  if (result.created === true && result.acct !== null)
    return { severity: 'success', text: t('reconcile.recovered', { id, acct: result.acct }) };
  if (result.created === false && result.acct !== null)
    return { severity: 'info', text: t('reconcile.alreadyThere', { id, acct: result.acct }) };
  return { severity: 'warning', text: t('reconcile.notRecovered', { id, message: result.message ?? result.state }) };
}
