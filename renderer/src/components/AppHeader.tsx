import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import SyncAltIcon from '@mui/icons-material/SyncAlt';
import { useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The top bar: the program's name, what it connects, and the language switch. */
export function AppHeader() {
  const t = useT();
  return (
    <AppBar position="static" color="primary" elevation={0}>
      <Toolbar sx={{ gap: 2 }}>
        <SyncAltIcon aria-hidden />
        <Box sx={{ flex: 1, display: 'flex', alignItems: 'baseline', gap: 1.5, minWidth: 0 }}>
          <Typography variant="h6" component="span" noWrap>
            {t('app.title')}
          </Typography>
          <Typography variant="body2" component="span" noWrap sx={{ opacity: 0.85 }}>
            {t('app.subtitle')}
          </Typography>
        </Box>
        <LanguageSwitch />
      </Toolbar>
    </AppBar>
  );
}
