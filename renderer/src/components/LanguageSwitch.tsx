import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { Locale } from '../../../shared/ipc/contract';
import { useLocale, useT } from '../i18n';
import { useSettingsStore } from '../stores/settings-store';

const LANGUAGES: { locale: Locale; label: string; name: string }[] = [
  { locale: 'bg', label: 'БГ', name: 'Български' },
  { locale: 'en', label: 'EN', name: 'English' },
];

/** Bulgarian / English, saved in the engine's settings so the next start (and its errors) follow it. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const setLocale = useSettingsStore((s) => s.setLocale);
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={locale}
      aria-label={t('app.language')}
      onChange={(_event, value: Locale | null) => {
        if (value) void setLocale(value);
      }}
      sx={{
        bgcolor: 'rgba(255,255,255,0.12)',
        '& .MuiToggleButton-root': { color: 'common.white', borderColor: 'rgba(255,255,255,0.4)', px: 1.5, py: 0.25 },
        '& .MuiToggleButton-root.Mui-selected': { color: 'primary.main', bgcolor: 'common.white' },
        '& .MuiToggleButton-root.Mui-selected:hover': { bgcolor: 'grey.100' },
      }}
    >
      {LANGUAGES.map((language) => (
        <ToggleButton key={language.locale} value={language.locale} lang={language.locale} aria-label={language.name}>
          {language.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
