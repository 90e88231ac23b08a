import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useT } from '../../i18n';

/** "Fetch orders from date D": the day (store time) a one-off import run reads from. */
export function OrdersFromDialog({
  open,
  onClose,
  onStart,
}: {
  open: boolean;
  onClose(): void;
  onStart(day: string): void;
}) {
  const t = useT();
  const [day, setDay] = useState('');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="orders-from-title">
      <DialogTitle id="orders-from-title">{t('runNow.ordersFromTitle')}</DialogTitle>
      <DialogContent>
        <TextField
          id="orders-from-day"
          type="date"
          autoFocus
          fullWidth
          sx={{ mt: 1 }}
          label={t('runNow.ordersFromDay')}
          value={day}
          onChange={(e) => setDay(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          helperText={t('runNow.ordersFromHelp')}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('runNow.cancel')}</Button>
        <Button variant="contained" disabled={!valid} onClick={() => onStart(day)}>
          {t('runNow.ordersFromStart')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
