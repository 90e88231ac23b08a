import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DnsIcon from '@mui/icons-material/Dns';
import { useT } from '../i18n';

/** What a first start shows: no servers yet, and the one button that makes the first. */
export function ServersEmptyState({ onCreate }: { onCreate(): void }) {
  const t = useT();
  return (
    <Paper
      variant="outlined"
      sx={{ p: 5, textAlign: 'center', display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 1.5 }}
    >
      <DnsIcon color="disabled" sx={{ fontSize: 56 }} aria-hidden />
      <Typography variant="h6" component="h2">
        {t('servers.empty.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ maxWidth: 520 }}>
        {t('servers.empty.body')}
      </Typography>
      <Button variant="contained" startIcon={<AddIcon />} onClick={onCreate} sx={{ mt: 1 }}>
        {t('servers.new')}
      </Button>
    </Paper>
  );
}
