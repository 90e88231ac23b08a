import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { ServerProfileView } from '../../../shared/types/server-profile';
import type { ApiError } from '../api';
import { fieldErrorText, useT } from '../i18n';
import { useServersStore } from '../stores/servers-store';

interface RenameServerDialogProps {
  server: ServerProfileView;
  onClose(): void;
  onRenamed(saved: ServerProfileView): void;
}

/** Renames a server without opening the whole editor. */
export function RenameServerDialog({ server, onClose, onRenamed }: RenameServerDialogProps) {
  const t = useT();
  const rename = useServersStore((s) => s.rename);
  const [name, setName] = useState(server.name);
  const [errorCode, setErrorCode] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const trimmed = name.trim();
    if (!trimmed) return setErrorCode('required');
    if (trimmed.length > 80) return setErrorCode('too_long');
    setSaving(true);
    setFailure(null);
    try {
      onRenamed(await rename(server.id, trimmed));
    } catch (err) {
      const apiError = err as ApiError;
      setFailure(apiError);
      setErrorCode(apiError.fields?.name);
    } finally {
      setSaving(false);
    }
  };

  const error = fieldErrorText(t, errorCode);
  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      aria-labelledby="rename-title"
      slotProps={{ paper: { component: 'form', noValidate: true, onSubmit: submit } as object }}
    >
      <DialogTitle id="rename-title">{t('rename.title')}</DialogTitle>
      <DialogContent>
        {failure && !errorCode && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {failure.message || t('error.internal')}
          </Alert>
        )}
        <TextField
          id="rename-name"
          label={t('rename.name')}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setErrorCode(undefined);
          }}
          autoFocus
          required
          error={Boolean(error)}
          helperText={error ?? ' '}
          slotProps={{ htmlInput: { maxLength: 80 } }}
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={saving} color="inherit">
          {t('editor.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={saving}>
          {t('rename.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
