import { useCallback, useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import SyncIcon from '@mui/icons-material/Sync';
import UploadIcon from '@mui/icons-material/Upload';
import type { MappingRow, MappingView } from '../../../../shared/types/mapping';
import { api, toApiError, type ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { useStatusStore } from '../../stores/status-store';
import { Cut, VirtualTable } from '../common/VirtualTable';
import { MappingImportDialog } from './MappingImportDialog';
import { MappingLinkDialog } from './MappingLinkDialog';
import {
  countByFilter,
  filterRows,
  goodTitle,
  MAPPING_FILTERS,
  variantTitle,
  type MappingFilter,
} from './mapping-filter';

const keys = (barcode: string, sku: string) => [barcode || '—', sku || '—'].join(' / ');

/**
 * "Съответствия" (B9): every good <-> store variant link of the server, filterable by what is
 * wrong, with link / relink / unlink / match again, and the mapping CSV. The store side is the
 * newest catalog read (no requests to open the view); "Read the store" reads it again and says
 * what that cost.
 */
export function MappingTab({ serverId }: { serverId: string }) {
  const t = useT();
  const locale = useLocale();
  const finished = useStatusStore((s) => s.finishedCount[serverId] ?? 0);
  const [view, setView] = useState<MappingView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<MappingFilter>('all');
  const [text, setText] = useState('');
  const [linking, setLinking] = useState<MappingRow | null>(null);
  const [importing, setImporting] = useState(false);
  const notice = useNoticeStore.getState;

  const load = useCallback(
    async (readStore = false) => {
      setBusy(true);
      try {
        const next = await api.mappingView({ serverId, readStore });
        setView(next);
        setError(null);
        if (readStore) notice().showSuccess(t('mapping.read', { n: next.requests }));
      } catch (err) {
        setError(toApiError(err));
      } finally {
        setBusy(false);
      }
    },
    [serverId, t, notice],
  );
  useEffect(() => {
    void load();
  }, [load, finished]);

  const rows = useMemo(() => view?.rows ?? [], [view]);
  const counts = useMemo(() => countByFilter(rows), [rows]);
  const shown = useMemo(() => filterRows(rows, filter, text), [rows, filter, text]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notice().showSuccess(done);
      await load();
    } catch (err) {
      notice().showError(toApiError(err));
    }
  };
  const exportCsv = async () => {
    try {
      const { filename, csv, rows: n } = await api.mappingExportCsv({ serverId });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notice().showSuccess(t('mapping.csvSaved', { n, file: filename }));
    } catch (err) {
      notice().showError(toApiError(err));
    }
  };

  if (error && !view) return <Alert severity="error">{error.message}</Alert>;
  if (!view) return <LinearProgress />;
  const snap = view.snapshot;
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
          <Stack sx={{ flex: 1, minWidth: 320 }} spacing={0.5}>
            <Typography fontWeight={600} component="h3">
              {t('mapping.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('mapping.intro')}
            </Typography>
            <Typography variant="body2" data-testid="mapping-snapshot">
              {snap
                ? t('mapping.snapshot', {
                    at: formatDateTime(snap.takenAt, locale),
                    source: t(`mapping.source.${snap.source}`),
                    variants: snap.variants,
                    requests: snap.requests,
                  })
                : t('mapping.snapshot.none')}
            </Typography>
          </Stack>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            <Tooltip title={t('mapping.readStoreHelp')}>
              <span>
                <Button startIcon={<SyncIcon />} variant="outlined" disabled={busy} onClick={() => void load(true)}>
                  {t('mapping.readStore')}
                </Button>
              </span>
            </Tooltip>
            <Button startIcon={<DownloadIcon />} variant="outlined" onClick={() => void exportCsv()}>
              {t('mapping.exportCsv')}
            </Button>
            <Button startIcon={<UploadIcon />} variant="outlined" onClick={() => setImporting(true)}>
              {t('mapping.importCsv')}
            </Button>
          </Stack>
        </Stack>
        {busy && <LinearProgress sx={{ mt: 1 }} />}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error.message}
          </Alert>
        )}
      </Paper>

      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <TextField
          select
          size="small"
          label={t('mapping.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value as MappingFilter)}
          sx={{ minWidth: 280 }}
          SelectProps={{ inputProps: { 'data-testid': 'mapping-filter' } }}
        >
          {MAPPING_FILTERS.map((f) => (
            <MenuItem key={f} value={f}>
              {t(`mapping.f.${f}`)} ({counts[f]})
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('mapping.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ minWidth: 300, flex: 1 }}
        />
        <Typography variant="body2" color="text.secondary">
          {t('mapping.shown', { shown: shown.length, total: rows.length })}
        </Typography>
      </Stack>

      <VirtualTable
        rows={shown}
        label={t('mapping.tableLabel')}
        empty={t('mapping.empty')}
        height={520}
        rowKey={(r) => `${r.goodId ?? '-'}:${r.variantId ?? '-'}`}
        columns={[
          {
            key: 'good',
            label: t('mapping.col.good'),
            width: '20%',
            render: (r) => <Cut text={r.goodId === null ? t('mapping.noGood') : goodTitle(r)} />,
          },
          {
            key: 'goodKeys',
            label: t('mapping.col.goodKeys'),
            width: '12%',
            render: (r) => (r.goodId === null ? '' : <Cut text={keys(r.goodBarcode, r.goodSku)} />),
          },
          {
            key: 'store',
            label: t('mapping.col.store'),
            width: '20%',
            render: (r) => <Cut text={r.variantId ? variantTitle(r) : t('mapping.noVariant')} />,
          },
          {
            key: 'storeKeys',
            label: t('mapping.col.storeKeys'),
            width: '12%',
            render: (r) => (r.variantId ? <Cut text={keys(r.storeBarcode, r.storeSku)} /> : ''),
          },
          {
            key: 'problems',
            label: t('mapping.col.problems'),
            width: '16%',
            render: (r) => (
              <span title={r.problems.map((p) => t(`problem.${p}`)).join(', ')} data-problems={r.problems.join(' ')}>
                {r.problems.slice(0, 2).map((p) => (
                  <Chip key={p} size="small" color={severity(p)} label={t(`problem.${p}`)} sx={{ mr: 0.5 }} />
                ))}
                {r.problems.length > 2 && `+${r.problems.length - 2}`}
              </span>
            ),
          },
          {
            key: 'actions',
            label: t('mapping.col.actions'),
            width: '20%',
            render: (r) => <RowActions row={r} onLink={setLinking} act={act} serverId={serverId} />,
          },
        ]}
      />

      {linking && (
        <MappingLinkDialog
          good={linking}
          rows={rows}
          onClose={() => setLinking(null)}
          onChoose={(variantId) => {
            const good = linking;
            setLinking(null);
            void act(
              () => api.mappingLink({ serverId, goodId: good.goodId!, variantId }),
              t('mapping.linked', { good: goodTitle(good) }),
            );
          }}
        />
      )}
      {importing && (
        <MappingImportDialog
          serverId={serverId}
          onClose={() => setImporting(false)}
          onApplied={() => {
            setImporting(false);
            void load();
          }}
        />
      )}
    </Stack>
  );
}

function severity(p: string): 'default' | 'warning' | 'error' {
  if (p === 'variant_gone' || p.includes('duplicate') || p === 'keys_differ') return 'error';
  if (p === 'good_unlinked' || p === 'store_unlinked' || p === 'good_gone') return 'warning';
  return 'default';
}

function RowActions({
  row,
  serverId,
  onLink,
  act,
}: {
  row: MappingRow;
  serverId: string;
  onLink(row: MappingRow): void;
  act(work: () => Promise<unknown>, done: string): Promise<void>;
}) {
  const t = useT();
  if (row.goodId === null) return null;
  const goodId = row.goodId;
  const name = goodTitle(row);
  return (
    <Stack direction="row" spacing={0.5} sx={{ '& .MuiButton-root': { px: 0.75, minWidth: 0, whiteSpace: 'nowrap' } }}>
      {!row.problems.includes('good_gone') && (
        <Button size="small" onClick={() => onLink(row)}>
          {row.linked ? t('mapping.relink') : t('mapping.link')}
        </Button>
      )}
      {row.linked && (
        <Button
          size="small"
          color="warning"
          onClick={() => void act(() => api.mappingUnlink({ serverId, goodId }), t('mapping.unlinked', { good: name }))}
        >
          {t('mapping.unlink')}
        </Button>
      )}
      {row.problems.includes('kept_out') && (
        <Button
          size="small"
          onClick={() =>
            void act(() => api.mappingRelease({ serverId, goodId }), t('mapping.released', { good: name }))
          }
        >
          {t('mapping.release')}
        </Button>
      )}
    </Stack>
  );
}
