import Autocomplete from '@mui/material/Autocomplete';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SyncSettings } from '../../../../shared/types/server-profile';
import { useT, type MessageKey } from '../../i18n';
import type { SettingsProps } from './settings-props';

/** Every IANA zone the browser knows, Europe/Sofia first (the usual store). */
const TIME_ZONES = ['Europe/Sofia', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'Europe/Sofia')];

/**
 * How goods appear in the store when created, which store fields later syncs may overwrite,
 * currencies, and the store facts the API does not always tell (order time zone, VAT in prices).
 */
export function StoreOptionsTab({ settings, onSettings }: SettingsProps) {
  const t = useT();
  const pub = settings.publish;
  const setPublish = (patch: Partial<SyncSettings['publish']>) =>
    onSettings({ ...settings, publish: { ...pub, ...patch } });
  const box = (label: MessageKey, checked: boolean, onChange: (v: boolean) => void) => (
    <FormControlLabel
      key={label}
      control={<Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)} />}
      label={t(label)}
    />
  );
  const currencySelect = (side: 'database' | 'store', label: MessageKey, help?: string) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <TextField
        select
        id={`currency-${side}`}
        label={t(label)}
        value={settings.currency[side]}
        onChange={(e) =>
          onSettings({ ...settings, currency: { ...settings.currency, [side]: e.target.value as 'BGN' | 'EUR' } })
        }
        helperText={help}
      >
        <MenuItem value="EUR">EUR</MenuItem>
        <MenuItem value="BGN">BGN</MenuItem>
      </TextField>
    </Grid>
  );
  const over = settings.overwrite;
  const setOver = (key: keyof SyncSettings['overwrite']) => (v: boolean) =>
    onSettings({ ...settings, overwrite: { ...over, [key]: v } });

  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormLabel component="legend">{t('publish.title')}</FormLabel>
        <FormGroup>
          {box('publish.active', pub.active, (active) => setPublish({ active }))}
          {box('publish.featured', pub.featured, (featured) => setPublish({ featured }))}
          {box('publish.isNew', pub.isNew, (isNew) => setPublish({ isNew }))}
          {box('publish.track', pub.trackQuantity, (trackQuantity) => setPublish({ trackQuantity }))}
          {box('publish.continue', pub.continueSelling, (continueSelling) => setPublish({ continueSelling }))}
          {box('publish.shipping', pub.needsShipping, (needsShipping) => setPublish({ needsShipping }))}
        </FormGroup>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormLabel component="legend">{t('overwrite.title')}</FormLabel>
        <Typography variant="caption" color="text.secondary" component="div">
          {t('overwrite.help')}
        </Typography>
        <FormGroup>
          {box('overwrite.name', over.name, setOver('name'))}
          {box('overwrite.description', over.description, setOver('description'))}
          {box('overwrite.category', over.category, setOver('category'))}
          {box('overwrite.tracking', over.tracking, setOver('tracking'))}
          {box('overwrite.continueSelling', over.continueSelling, setOver('continueSelling'))}
        </FormGroup>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          select
          id="publish-weight"
          label={t('publish.weight')}
          value={pub.weightSource}
          onChange={(e) => setPublish({ weightSource: e.target.value as typeof pub.weightSource })}
        >
          <MenuItem value="none">{t('publish.weight.none')}</MenuItem>
          <MenuItem value="catalog-kg">{t('publish.weight.catalog')}</MenuItem>
          <MenuItem value="measure-kg">{t('publish.weight.measure')}</MenuItem>
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        {pub.weightSource === 'catalog-kg' && (
          <TextField
            select
            id="publish-weight-field"
            label={t('publish.weightField')}
            value={pub.weightCatalogField}
            onChange={(e) => setPublish({ weightCatalogField: Number(e.target.value) })}
          >
            {[1, 2, 3].map((n) => (
              <MenuItem key={n} value={n}>
                Catalog{n}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Grid>
      {currencySelect('database', 'currency.database')}
      {currencySelect(
        'store',
        'currency.store',
        settings.currency.store !== settings.currency.database ? t('currency.converted') : undefined,
      )}
      <Grid size={{ xs: 12, sm: 6 }}>
        <Autocomplete
          id="store-time-zone"
          options={TIME_ZONES}
          value={settings.store.timeZone}
          disableClearable
          onChange={(_e, timeZone) => onSettings({ ...settings, store: { ...settings.store, timeZone } })}
          renderInput={(params) => (
            <TextField {...params} label={t('store.timeZone')} helperText={t('store.timeZoneHelp')} />
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormGroup>
          {box('store.pricesIncludeVat', settings.store.pricesIncludeVat, (pricesIncludeVat) =>
            onSettings({ ...settings, store: { ...settings.store, pricesIncludeVat } }),
          )}
        </FormGroup>
        <Typography variant="caption" color="text.secondary" component="div">
          {t('store.pricesIncludeVatHelp')}
        </Typography>
      </Grid>
    </Grid>
  );
}
