import { useEffect } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import Box from '@mui/material/Box';
import { AppHeader } from './components/AppHeader';
import { NoticeSnackbar } from './components/NoticeSnackbar';
import { ServersScreen } from './components/ServersScreen';
import { useLocale } from './i18n';
import { connectServerEvents, useServersStore } from './stores/servers-store';
import { connectSettingsEvents, useSettingsStore } from './stores/settings-store';
import { theme } from './theme';

export function App() {
  const locale = useLocale();
  // Wait for the saved language (one local call) so an English user never sees a Bulgarian flash.
  const settingsLoaded = useSettingsStore((s) => s.loaded);

  useEffect(() => {
    const offSettings = connectSettingsEvents();
    const offServers = connectServerEvents();
    void useSettingsStore.getState().load();
    void useServersStore.getState().load();
    return () => {
      offSettings();
      offServers();
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {settingsLoaded && (
        <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
          <AppHeader />
          <Box
            component="main"
            sx={{ flex: 1, px: { xs: 2, md: 4 }, py: 3, maxWidth: 1280, width: '100%', mx: 'auto' }}
          >
            <ServersScreen />
          </Box>
        </Box>
      )}
      <NoticeSnackbar />
    </ThemeProvider>
  );
}
