import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { DatabaseReference } from '../../../../shared/types/reference';
import { useT } from '../../i18n';
import { GroupTreePicker } from './GroupTreePicker';
import { numberFrom, type SettingsProps } from './settings-props';

export type ReferenceState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; data: DatabaseReference }
  | { kind: 'error'; message: string };

/**
 * What comes from Warehouse Pro: the operations object, operator and partner rule from lists,
 * goods groups and object groups from trees, the price column by its name. Read from the
 * database being edited; until it is read, the saved values stay as they are.
 */
export function WarehouseTab({
  settings,
  onSettings,
  err,
  reference,
  onLoad,
}: SettingsProps & { reference: ReferenceState; onLoad(): void }) {
  const t = useT();
  const ref = reference.kind === 'ready' ? reference.data : null;
  const exp = settings.exportTask;
  const setExport = (patch: Partial<typeof exp>) => onSettings({ ...settings, exportTask: { ...exp, ...patch } });
  const idSelect = (
    id: string,
    label: string,
    value: number | null,
    options: { id: number; name: string }[],
    onChange: (v: number | null) => void,
    path: string,
    help?: string,
  ) => (
    <TextField
      select
      id={id}
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      error={Boolean(err(path))}
      helperText={err(path) ?? help}
      disabled={!ref}
    >
      <MenuItem value="">
        <em>{t('editor.notChosen')}</em>
      </MenuItem>
      {/* A saved value the lists do not (yet) contain stays selectable, so opening the editor changes nothing. */}
      {value !== null && !options.some((o) => o.id === value) && <MenuItem value={value}>#{value}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o.id} value={o.id}>
          {o.name}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        {reference.kind === 'loading' && <LinearProgress aria-label={t('editor.loadingLists')} />}
        {reference.kind === 'error' && (
          <Alert
            severity="warning"
            action={
              <Button color="inherit" size="small" onClick={onLoad}>
                {t('servers.retry')}
              </Button>
            }
          >
            {t('editor.listsFailed')} {reference.message}
          </Alert>
        )}
        {reference.kind === 'idle' && (
          <Alert severity="info" action={<Button onClick={onLoad}>{t('editor.loadLists')}</Button>}>
            {t('editor.listsHint')}
          </Alert>
        )}
        {ref && (
          <Button size="small" startIcon={<RefreshIcon />} onClick={onLoad}>
            {t('editor.reloadLists')}
          </Button>
        )}
      </Grid>
      <Grid size={12}>
        <FormControl>
          <FormLabel id="compare-by-label">{t('editor.compareBy')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="compare-by-label"
            value={settings.compareBy}
            onChange={(e) => onSettings({ ...settings, compareBy: e.target.value as 'barcode' | 'sku' })}
          >
            <FormControlLabel value="barcode" control={<Radio />} label={t('editor.compareBarcode')} />
            <FormControlLabel value="sku" control={<Radio />} label={t('editor.compareSku')} />
          </RadioGroup>
        </FormControl>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        {idSelect(
          'settings-object',
          t('editor.operationsObject'),
          settings.operationsObjectId,
          ref?.objects ?? [],
          (operationsObjectId) => onSettings({ ...settings, operationsObjectId }),
          'settings.operationsObjectId',
          t('editor.operationsObjectHelp'),
        )}
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField select id="settings-doc-type" label={t('editor.documentType')} value="order">
          <MenuItem value="order">{t('editor.documentOrder')}</MenuItem>
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        {idSelect(
          'settings-operator',
          t('editor.operator'),
          settings.operatorId,
          ref?.users ?? [],
          (operatorId) => onSettings({ ...settings, operatorId }),
          'settings.operatorId',
        )}
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          select
          id="settings-partner"
          label={t('editor.partner')}
          value={settings.partner.mode === 'fixed' ? String(settings.partner.partnerId) : 'by-email'}
          onChange={(e) =>
            onSettings({
              ...settings,
              partner:
                e.target.value === 'by-email'
                  ? { mode: 'by-email' }
                  : { mode: 'fixed', partnerId: Number(e.target.value) },
            })
          }
          helperText={t('editor.partnerHelp')}
          disabled={!ref && settings.partner.mode === 'by-email'}
        >
          <MenuItem value="by-email">{t('editor.partnerByEmail')}</MenuItem>
          {settings.partner.mode === 'fixed' &&
            !ref?.partners.some((p) => settings.partner.mode === 'fixed' && p.id === settings.partner.partnerId) && (
              <MenuItem value={String(settings.partner.partnerId)}>#{settings.partner.partnerId}</MenuItem>
            )}
          {(ref?.partners ?? []).map((p) => (
            <MenuItem key={p.id} value={String(p.id)}>
              {t('editor.partnerFixed', { name: p.name })}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={12}>
        <GroupTreePicker
          id="goods-groups"
          label={t('editor.goodsGroups')}
          nodes={ref?.goodsGroups ?? []}
          selected={exp.goodsGroups}
          onChange={(goodsGroups) => setExport({ goodsGroups })}
          summary={(n) =>
            exp.goodsGroups.length === 0
              ? t('editor.goodsGroupsAll', { n: (ref?.goodsGroups ?? []).reduce((s, g) => s + g.count, 0) })
              : t('editor.goodsCovered', { n })
          }
        />
      </Grid>
      <Grid size={12}>
        <GroupTreePicker
          id="object-groups"
          label={t('editor.objectGroups')}
          nodes={ref?.objectGroups ?? []}
          selected={exp.objectGroups}
          onChange={(objectGroups) => setExport({ objectGroups })}
          summary={(n) =>
            exp.objectGroups.length === 0 ? t('editor.objectGroupsNone') : t('editor.objectsCovered', { n })
          }
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          select
          id="settings-price-column"
          label={t('editor.priceColumn')}
          value={exp.priceColumn}
          onChange={(e) => setExport({ priceColumn: Number(e.target.value) })}
        >
          {(ref?.priceColumns ?? Array.from({ length: 10 }, (_, i) => ({ column: i + 1, name: '' }))).map((c) => (
            <MenuItem key={c.column} value={c.column}>
              PriceOut{c.column}
              {c.name && ` — ${c.name}`}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          id="settings-buffer"
          label={t('editor.buffer')}
          value={Number.isNaN(exp.quantityBuffer) ? '' : String(exp.quantityBuffer)}
          onChange={(e) => setExport({ quantityBuffer: numberFrom(e.target.value) })}
          error={Boolean(err('settings.exportTask.quantityBuffer'))}
          helperText={err('settings.exportTask.quantityBuffer') ?? t('editor.bufferHelp')}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
        />
      </Grid>
    </Grid>
  );
}
