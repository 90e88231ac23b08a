import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { StartMode } from '../../../../shared/types/server-profile';
import { useT } from '../../i18n';
import { numberFrom } from './settings-props';

/** The seed's start modes: on server start, at a time of day, or every N minutes. */
export function StartModeFields({
  id,
  value,
  onChange,
  err,
}: {
  id: string;
  value: StartMode;
  onChange(mode: StartMode): void;
  err(path: string): string | undefined;
}) {
  const t = useT();
  return (
    <>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          select
          id={`${id}-mode`}
          label={t('task.startMode')}
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value as StartMode['kind'];
            onChange(
              kind === 'daily' ? { kind, time: '06:00' } : kind === 'interval' ? { kind, minutes: 15 } : { kind },
            );
          }}
        >
          <MenuItem value="on-start">{t('task.mode.on-start')}</MenuItem>
          <MenuItem value="daily">{t('task.mode.daily')}</MenuItem>
          <MenuItem value="interval">{t('task.mode.interval')}</MenuItem>
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        {value.kind === 'daily' && (
          <TextField
            id={`${id}-time`}
            type="time"
            label={t('task.time')}
            value={value.time}
            onChange={(e) => onChange({ kind: 'daily', time: e.target.value })}
            error={Boolean(err('startMode.time'))}
            helperText={err('startMode.time')}
          />
        )}
        {value.kind === 'interval' && (
          <TextField
            id={`${id}-minutes`}
            label={t('task.minutes')}
            value={Number.isNaN(value.minutes) ? '' : String(value.minutes)}
            onChange={(e) => onChange({ kind: 'interval', minutes: numberFrom(e.target.value) })}
            error={Boolean(err('startMode.minutes'))}
            helperText={err('startMode.minutes')}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        )}
      </Grid>
    </>
  );
}
