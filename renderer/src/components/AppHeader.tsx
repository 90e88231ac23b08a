import { useState } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import SyncAltIcon from '@mui/icons-material/SyncAlt';
import UpdateIcon from '@mui/icons-material/SystemUpdateAlt';
import { useT } from '../i18n';
import { useUpdatesStore } from '../stores/updates-store';
import { AboutDialog } from './about/AboutDialog';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The top bar: the program's name and version, what it connects, "update ready" when one is,
 * the About dialog (updates, support file) and the language switch.
 */
export function AppHeader() {
  const t = useT();
  const [aboutOpen, setAboutOpen] = useState(false);
  const status = useUpdatesStore((s) => s.status);
  const ready = status?.state === 'ready' || status?.state === 'installing' ? status.availableVersion : null;
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
          {status && (
            <Typography variant="caption" component="span" noWrap sx={{ opacity: 0.7 }} data-testid="header-version">
              v{status.currentVersion}
            </Typography>
          )}
        </Box>
        {ready && (
          <Chip
            icon={<UpdateIcon />}
            label={t('updates.badge', { version: ready })}
            onClick={() => setAboutOpen(true)}
            aria-label={t('updates.badgeAria', { version: ready })}
            sx={{
              bgcolor: 'success.main',
              color: 'common.white',
              '&:hover': { bgcolor: 'success.dark' },
              '& .MuiChip-icon': { color: 'common.white' },
            }}
          />
        )}
        <Tooltip title={t('about.open')}>
          <IconButton color="inherit" aria-label={t('about.open')} onClick={() => setAboutOpen(true)}>
            <InfoIcon />
          </IconButton>
        </Tooltip>
        <LanguageSwitch />
      </Toolbar>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </AppBar>
  );
}
