import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import type { ServerProfileView } from '../../../shared/types/server-profile';
import { toApiError } from '../api';
import { useT } from '../i18n';
import { useNoticeStore } from '../stores/notice-store';
import { useServersStore } from '../stores/servers-store';

interface DeleteServerDialogProps {
  server: ServerProfileView;
  onClose(): void;
}

/** Asks before a server, its settings and its stored keys are removed for good. */
export function DeleteServerDialog({ server, onClose }: DeleteServerDialogProps) {
  const t = useT();
  const remove = useServersStore((s) => s.remove);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await remove(server.id);
      useNoticeStore.getState().showSuccess(t('servers.deleted', { name: server.name }));
    } catch (err) {
      useNoticeStore.getState().showError(toApiError(err));
    } finally {
      setBusy(false);
      onClose();
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      aria-labelledby="delete-title"
      aria-describedby="delete-body"
    >
      <DialogTitle id="delete-title">{t('delete.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-body">{t('delete.body', { name: server.name })}</DialogContentText>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        {/* Cancel takes the focus: Enter on an unexpected dialog must not delete anything. */}
        <Button onClick={onClose} disabled={busy} autoFocus color="inherit">
          {t('delete.cancel')}
        </Button>
        <Button onClick={confirm} disabled={busy} variant="contained" color="error">
          {t('delete.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
