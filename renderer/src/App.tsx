import { useEffect } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import Box from '@mui/material/Box';
import { AppHeader } from './components/AppHeader';
import { NoticeSnackbar } from './components/NoticeSnackbar';
import { ServersScreen } from './components/ServersScreen';
import { ServerScreen } from './components/server/ServerScreen';
import { api } from './api';
import { useNavStore } from './stores/nav-store';
import { connectStatusEvents, useStatusStore } from './stores/status-store';
import { useLocale } from './i18n';
import { connectServerEvents, useServersStore } from './stores/servers-store';
import { connectSettingsEvents, useSettingsStore } from './stores/settings-store';
import { theme } from './theme';
import { connectUpdateEvents, useUpdatesStore } from './stores/updates-store';

export function App() {
  const locale = useLocale();
  // Wait for the saved language (one local call) so an English user never sees a Bulgarian flash.
  const settingsLoaded = useSettingsStore((s) => s.loaded);
  const screen = useNavStore((s) => s.screen);

  useEffect(() => {
    const offSettings = connectSettingsEvents();
    const offServers = connectServerEvents();
    const offStatus = connectStatusEvents();
    const offUpdates = connectUpdateEvents();
    const offNavigate = api.on('app:navigateEvent', ({ serverId, tab }) =>
      useNavStore.getState().openServer(serverId, tab),
    );
    void useSettingsStore.getState().load();
    void useServersStore.getState().load();
    void useUpdatesStore.getState().load();
    void useStatusStore
      .getState()
      .load()
      .catch(() => undefined);
    return () => {
      offSettings();
      offServers();
      offStatus();
      offUpdates();
      offNavigate();
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
            {screen.kind === 'server' ? (
              <ServerScreen serverId={screen.serverId} tab={screen.tab} />
            ) : (
              <ServersScreen />
            )}
          </Box>
        </Box>
      )}
      <NoticeSnackbar />
    </ThemeProvider>
  );
}
