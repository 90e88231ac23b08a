import { useState } from 'react';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SyncSettings } from '../../../../shared/types/server-profile';
import { useT, type MessageKey } from '../../i18n';
import type { SettingsProps } from './settings-props';

/** The store's positive-flow statuses (wiki order-entity-lifecycle.md); the negative ones are never sales. */
const OFFERED = ['authorized', 'pending', 'paid', 'completed'] as const;

/**
 * Which store orders the import turns into documents (issue 15 point 6) and from which day
 * (point 5): the statuses, cash on delivery, and "import orders from".
 */
export function OrderImportFields({ settings, onSettings, err }: SettingsProps) {
  const t = useT();
  const orders = settings.orders;
  const set = (patch: Partial<SyncSettings['orders']>) => onSettings({ ...settings, orders: { ...orders, ...patch } });
  const others = orders.statuses.filter((s) => !(OFFERED as readonly string[]).includes(s));
  // The text as typed (a trailing comma stays while typing); the settings keep the codes.
  const [otherText, setOtherText] = useState(() => others.join(', '));

  const toggle = (status: string, on: boolean) => {
    const kept = orders.statuses.filter((s) => s !== status);
    set({ statuses: on ? [...kept, status] : kept });
  };
  const setOthers = (text: string) => {
    setOtherText(text);
    const codes = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    set({ statuses: [...orders.statuses.filter((s) => (OFFERED as readonly string[]).includes(s)), ...codes] });
  };

  return (
    <>
      <Grid size={12}>
        <Typography variant="body2" component="h4" sx={{ fontWeight: 600 }}>
          {t('orders.title')}
        </Typography>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormLabel component="legend" id="order-statuses-label">
          {t('orders.statuses')}
        </FormLabel>
        <FormGroup aria-labelledby="order-statuses-label">
          {OFFERED.map((status) => (
            <FormControlLabel
              key={status}
              control={
                <Checkbox
                  checked={orders.statuses.includes(status)}
                  onChange={(e) => toggle(status, e.target.checked)}
                />
              }
              label={t(`orders.status.${status}` as MessageKey)}
            />
          ))}
        </FormGroup>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormControlLabel
          control={
            <Switch checked={orders.cashOnDelivery} onChange={(e) => set({ cashOnDelivery: e.target.checked })} />
          }
          label={t('orders.cashOnDelivery')}
        />
        <Typography variant="caption" color="text.secondary" component="div" sx={{ pl: 6.5, mt: -0.5, mb: 2 }}>
          {t('orders.cashOnDeliveryHelp')}
        </Typography>
        <TextField
          id="order-other-statuses"
          fullWidth
          label={t('orders.otherStatuses')}
          value={otherText}
          onChange={(e) => setOthers(e.target.value)}
          error={Boolean(err('settings.orders.statuses'))}
          helperText={err('settings.orders.statuses') ?? t('orders.otherStatusesHelp')}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          id="order-import-from"
          type="date"
          fullWidth
          label={t('orders.from')}
          value={orders.from ?? ''}
          onChange={(e) => set({ from: e.target.value || null })}
          slotProps={{ inputLabel: { shrink: true } }}
          error={Boolean(err('settings.orders.from'))}
          helperText={err('settings.orders.from') ?? t('orders.fromHelp')}
        />
      </Grid>
    </>
  );
}
