import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { MappingImportReport, MappingImportRow } from '../../../../shared/types/mapping';
import { api, toApiError, type ApiError } from '../../api';
import { useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { Cut, VirtualTable } from '../common/VirtualTable';

const APPLIES = new Set(['link', 'relink']);
const FINE = new Set(['link', 'relink', 'same']);

/** A mapping CSV: the report of every row first, then "Apply" changes exactly what it showed. */
export function MappingImportDialog({
  serverId,
  onClose,
  onApplied,
}: {
  serverId: string;
  onClose(): void;
  onApplied(): void;
}) {
  const t = useT();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [report, setReport] = useState<MappingImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const choose = async (picked: File | undefined) => {
    if (!picked) return;
    setError(null);
    setReport(null);
    setBusy(true);
    try {
      const csv = await picked.text();
      setFile({ name: picked.name, csv });
      setReport(await api.mappingImportPlan({ serverId, csv }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!file || !report) return;
    setBusy(true);
    try {
      const done = await api.mappingImportApply({ serverId, csv: file.csv, digest: report.digest });
      useNoticeStore.getState().showSuccess(t('import.applied', { n: done.applied }));
      onApplied();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const toApply = report?.rows.filter((r) => APPLIES.has(r.verdict)).length ?? 0;
  const skipped = report?.rows.filter((r) => !FINE.has(r.verdict)).length ?? 0;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="import-title">
      <DialogTitle id="import-title">{t('import.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2">{t('import.intro')}</Typography>
          <Stack direction="row" spacing={2} alignItems="center">
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />} disabled={busy}>
              {t('import.choose')}
              <input
                hidden
                type="file"
                accept=".csv,text/csv"
                data-testid="mapping-csv-input"
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </Button>
            {file && <Typography variant="body2">{t('import.file', { name: file.name })}</Typography>}
          </Stack>
          {busy && <LinearProgress aria-label={t('import.checking')} />}
          {error && <Alert severity="error">{error.message}</Alert>}
          {report && (
            <>
              <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap aria-label="counts">
                {Object.entries(report.counts)
                  .filter(([, n]) => n > 0)
                  .map(([verdict, n]) => (
                    <Chip
                      key={verdict}
                      size="small"
                      color={APPLIES.has(verdict) ? 'primary' : FINE.has(verdict) ? 'default' : 'warning'}
                      label={`${t(`import.v.${verdict as MappingImportRow['verdict']}`)}: ${n}`}
                    />
                  ))}
              </Stack>
              {skipped > 0 && <Alert severity="warning">{t('import.skipWarning', { n: skipped })}</Alert>}
              {toApply === 0 && <Alert severity="info">{t('import.nothing')}</Alert>}
              <VirtualTable
                rows={report.rows}
                label={t('import.tableLabel')}
                empty={t('import.nothing')}
                height={340}
                rowKey={(r) => String(r.line)}
                columns={[
                  { key: 'line', label: t('import.col.line'), width: 64, render: (r) => r.line },
                  {
                    key: 'verdict',
                    label: t('import.col.verdict'),
                    width: 150,
                    render: (r) => <span data-verdict={r.verdict}>{t(`import.v.${r.verdict}`)}</span>,
                  },
                  { key: 'good', label: t('import.col.good'), render: (r) => <Cut text={r.goodLabel} /> },
                  { key: 'variant', label: t('import.col.variant'), render: (r) => <Cut text={r.variantLabel} /> },
                  { key: 'reason', label: t('import.col.reason'), render: (r) => <Cut text={r.reason} /> },
                ]}
              />
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('import.close')}</Button>
        <Button variant="contained" disabled={busy || toApply === 0} onClick={() => void apply()}>
          {t('import.apply', { n: toApply })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
