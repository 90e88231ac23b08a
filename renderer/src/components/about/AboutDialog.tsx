import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../../i18n';
import { useUpdatesStore } from '../../stores/updates-store';
import { SupportFileButton } from './SupportFileButton';
import { UpdatesPanel } from './UpdatesPanel';

/** The version, the updates (state, notes, "restart now", settings) and "save a support file". */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const status = useUpdatesStore((s) => s.status);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="about-title">
      <DialogTitle id="about-title">{t('about.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5}>
          {status && (
            <Typography variant="body1" data-testid="app-version">
              {t('about.version', { version: status.currentVersion })}
            </Typography>
          )}
          <Stack spacing={1.5} component="section" aria-labelledby="about-updates">
            <Typography variant="h6" component="h3" id="about-updates">
              {t('updates.heading')}
            </Typography>
            {status && <UpdatesPanel status={status} />}
          </Stack>
          <Divider />
          <Stack spacing={1.5} component="section" aria-labelledby="about-support" alignItems="flex-start">
            <Typography variant="h6" component="h3" id="about-support">
              {t('support.heading')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('support.help')}
            </Typography>
            <SupportFileButton />
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('about.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
