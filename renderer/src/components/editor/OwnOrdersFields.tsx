import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { SyncSettings } from '../../../../shared/types/server-profile';
import { useT } from '../../i18n';
import { numberFrom } from './settings-props';

type OwnOrders = SyncSettings['exportTask']['ownOrders'];

/**
 * Which of Warehouse Pro's own client orders lower the quantity sent to the store (issue 15 point
 * 8): all, those younger than N days, or none. Orders imported from the store reserve while they
 * are open there, whatever this says.
 */
export function OwnOrdersFields({
  value,
  onChange,
  err,
}: {
  value: OwnOrders;
  onChange: (v: OwnOrders) => void;
  err: (path: string) => string | undefined;
}) {
  const t = useT();
  return (
    <>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          select
          fullWidth
          id="own-orders-mode"
          label={t('task.ownOrders')}
          value={value.mode}
          onChange={(e) => onChange({ ...value, mode: e.target.value as OwnOrders['mode'] })}
          helperText={t('task.ownOrdersHelp')}
        >
          <MenuItem value="all">{t('task.ownOrders.all')}</MenuItem>
          <MenuItem value="recent">{t('task.ownOrders.recent')}</MenuItem>
          <MenuItem value="none">{t('task.ownOrders.none')}</MenuItem>
        </TextField>
      </Grid>
      {value.mode === 'recent' && (
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            id="own-orders-days"
            label={t('task.ownOrdersDays')}
            value={Number.isNaN(value.days) ? '' : String(value.days)}
            onChange={(e) => onChange({ ...value, days: numberFrom(e.target.value) })}
            error={Boolean(err('settings.exportTask.ownOrders.days'))}
            helperText={err('settings.exportTask.ownOrders.days') ?? t('task.ownOrdersDaysHelp')}
          />
        </Grid>
      )}
    </>
  );
}
