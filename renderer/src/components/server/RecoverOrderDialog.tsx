import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import type { RecoverResult } from '../../../../shared/types/reconcile';
import { api, toApiError, type ApiError } from '../../api';
import { useT } from '../../i18n';

/** "Recover this order": asks first, then runs the one-order import and hands back what it did. */
export function RecoverOrderDialog({
  serverId,
  orderId,
  onClose,
  onDone,
}: {
  serverId: string;
  orderId: string;
  onClose(): void;
  onDone(result: RecoverResult): void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const recover = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.ordersRecover({ serverId, orderId }));
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="recover-title" maxWidth="sm" fullWidth>
      <DialogTitle id="recover-title">{t('reconcile.recoverTitle', { id: orderId })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('reconcile.recoverText')}</DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('reconcile.cancel')}
        </Button>
        <Button onClick={() => void recover()} disabled={busy} variant="contained">
          {busy ? t('reconcile.recovering') : t('reconcile.recoverConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
