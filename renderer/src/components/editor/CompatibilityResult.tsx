/**
 * The store check's result: the summary, then one table row per behaviour (documented, seen, ok),
 * with what to do under each row that does not hold. The texts come in both languages, so the
 * table follows the language switch without checking again.
 */
import Alert from '@mui/material/Alert';
import { alpha } from '@mui/material/styles';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import { pick } from '../../../../shared/i18n/localized';
import type { CheckRow, StoreCompatibility } from '../../../../shared/types/store-check';
import { useLocale, useT } from '../../i18n';

export function CompatibilityResult({ result }: { result: StoreCompatibility }) {
  const t = useT();
  const locale = useLocale();
  const when = new Date(result.checkedAt).toLocaleString(locale === 'bg' ? 'bg-BG' : 'en-GB');
  return (
    <Box sx={{ width: '100%' }} data-testid="check-store-result">
      <Alert severity={result.ok ? 'success' : 'error'} sx={{ mb: 1 }} data-testid="check-store-summary">
        {pick(result.summary, locale)}
      </Alert>
      {result.leftBehind && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {t('check.leftBehind', { id: result.leftBehind.productId, name: result.leftBehind.name })}
        </Alert>
      )}
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" aria-label={t('check.tableLabel')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '28%' }}>{t('check.col.behaviour')}</TableCell>
              <TableCell sx={{ width: '30%' }}>{t('check.col.documented')}</TableCell>
              <TableCell>{t('check.col.seen')}</TableCell>
              <TableCell align="center" sx={{ width: 56 }}>
                {t('check.col.ok')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.rows.map((row) => (
              <CheckLine key={row.id} row={row} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {t('check.meta', { when, n: result.requests })}
        {result.reportFile ? ` · ${t('check.report', { file: result.reportFile })}` : ''}
      </Typography>
    </Box>
  );
}

function CheckLine({ row }: { row: CheckRow }) {
  const t = useT();
  const locale = useLocale();
  const okText = t(row.ok === true ? 'check.ok.yes' : row.ok === false ? 'check.ok.no' : 'check.ok.null');
  const failing = row.ok === false;
  return (
    <TableRow
      data-testid={`check-row-${row.id}`}
      data-ok={String(row.ok)}
      sx={failing ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.06) } : undefined}
    >
      <TableCell sx={{ verticalAlign: 'top' }}>
        <Tooltip title={t('check.source', { source: row.source })}>
          <span>{pick(row.behaviour, locale)}</span>
        </Tooltip>
      </TableCell>
      <TableCell sx={{ verticalAlign: 'top', color: 'text.secondary' }}>{pick(row.documented, locale)}</TableCell>
      <TableCell sx={{ verticalAlign: 'top' }}>
        {pick(row.seen, locale)}
        {row.advice && (
          <Typography variant="body2" color={failing ? 'error' : 'text.secondary'} sx={{ mt: 0.5 }}>
            {pick(row.advice, locale)}
          </Typography>
        )}
      </TableCell>
      <TableCell align="center" sx={{ verticalAlign: 'top' }}>
        <Tooltip title={okText}>
          {row.ok === true ? (
            <CheckCircleIcon color="success" fontSize="small" aria-label={okText} />
          ) : failing ? (
            <CancelIcon color="error" fontSize="small" aria-label={okText} />
          ) : (
            <RemoveCircleOutlineIcon color="disabled" fontSize="small" aria-label={okText} />
          )}
        </Tooltip>
      </TableCell>
    </TableRow>
  );
}
