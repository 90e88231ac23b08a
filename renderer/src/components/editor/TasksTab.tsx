import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SyncSettings } from '../../../../shared/types/server-profile';
import { useT } from '../../i18n';
import { numberFrom, type SettingsProps } from './settings-props';
import { OrderImportFields } from './OrderImportFields';
import { StartModeFields } from './StartModeFields';

/**
 * The seed's two tasks: "Import from CloudCart" and "Export from Warehouse Pro", each with its start
 * mode, and the longest a run of either may take before it is stopped as failed.
 */
export function TasksTab({ settings, onSettings, err }: SettingsProps) {
  const t = useT();
  const imp = settings.importTask;
  const exp = settings.exportTask;
  const setImport = (patch: Partial<SyncSettings['importTask']>) =>
    onSettings({ ...settings, importTask: { ...imp, ...patch } });
  const setExport = (patch: Partial<SyncSettings['exportTask']>) =>
    onSettings({ ...settings, exportTask: { ...exp, ...patch } });
  const toggle = (label: string, checked: boolean, onChange: (v: boolean) => void, help?: string) => (
    <Grid size={12}>
      <FormControlLabel
        control={<Switch checked={checked} onChange={(e) => onChange(e.target.checked)} />}
        label={label}
      />
      {help && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ pl: 6.5, mt: -0.5 }}>
          {help}
        </Typography>
      )}
    </Grid>
  );

  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle2" component="h3" color="primary" sx={{ mb: 1 }}>
          {t('task.importTitle')}
        </Typography>
        <Grid container spacing={2}>
          {toggle(t('task.enabled'), imp.enabled, (enabled) => setImport({ enabled }))}
          <StartModeFields
            id="import-start"
            value={imp.startMode}
            onChange={(startMode) => setImport({ startMode })}
            err={(p) => err(`settings.importTask.${p}`)}
          />
          {imp.startMode.kind === 'on-start' && (
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                id="import-poll"
                label={t('task.pollMinutes')}
                value={Number.isNaN(imp.pollMinutes) ? '' : String(imp.pollMinutes)}
                onChange={(e) => setImport({ pollMinutes: numberFrom(e.target.value) })}
                error={Boolean(err('settings.importTask.pollMinutes'))}
                helperText={err('settings.importTask.pollMinutes') ?? t('task.pollHelp')}
              />
            </Grid>
          )}
          <OrderImportFields settings={settings} onSettings={onSettings} err={err} />
          {toggle(
            t('task.downloadGoods'),
            imp.downloadGoods,
            (downloadGoods) => setImport({ downloadGoods }),
            t('task.downloadHelp'),
          )}
        </Grid>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle2" component="h3" color="primary" sx={{ mb: 1 }}>
          {t('task.exportTitle')}
        </Typography>
        <Grid container spacing={2}>
          {toggle(t('task.enabled'), exp.enabled, (enabled) => setExport({ enabled }))}
          <StartModeFields
            id="export-start"
            value={exp.startMode}
            onChange={(startMode) => setExport({ startMode })}
            err={(p) => err(`settings.exportTask.${p}`)}
          />
          {toggle(t('task.exportGoods'), exp.exportGoods, (exportGoods) => setExport({ exportGoods }))}
          {toggle(t('task.exportQuantities'), exp.exportQuantities, (exportQuantities) =>
            setExport({ exportQuantities }),
          )}
        </Grid>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              id="run-deadline"
              label={t('task.runDeadline')}
              value={Number.isNaN(settings.runDeadlineMinutes) ? '' : String(settings.runDeadlineMinutes)}
              onChange={(e) => onSettings({ ...settings, runDeadlineMinutes: numberFrom(e.target.value) })}
              error={Boolean(err('settings.runDeadlineMinutes'))}
              helperText={err('settings.runDeadlineMinutes') ?? t('task.runDeadlineHelp')}
            />
          </Grid>
        </Grid>
      </Paper>
    </Stack>
  );
}
