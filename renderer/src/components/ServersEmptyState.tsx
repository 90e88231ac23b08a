import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DnsIcon from '@mui/icons-material/Dns';
import ScienceIcon from '@mui/icons-material/Science';
import { api, toApiError, type ApiError } from '../api';
import { useT } from '../i18n';
import { useNavStore } from '../stores/nav-store';
import { useServersStore } from '../stores/servers-store';

/** What a first start shows: no servers yet; try the demo shop, or make the first server. */
export function ServersEmptyState({ onCreate }: { onCreate(): void }) {
  const t = useT();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const startDemo = async () => {
    setStarting(true);
    setError(null);
    try {
      const { serverId } = await api.demoStart({});
      await useServersStore.getState().load();
      useNavStore.getState().openServer(serverId, 'activity');
    } catch (err) {
      setError(toApiError(err));
      setStarting(false);
    }
  };

  return (
    <Paper
      variant="outlined"
      sx={{ p: 5, textAlign: 'center', display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 1.5 }}
    >
      <DnsIcon color="disabled" sx={{ fontSize: 56 }} aria-hidden />
      <Typography variant="h6" component="h2">
        {t('servers.empty.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ maxWidth: 560 }}>
        {t('servers.empty.body')}
      </Typography>
      <Typography color="text.secondary" sx={{ maxWidth: 560 }}>
        {t('servers.empty.demo')}
      </Typography>
      {error && <Alert severity="error">{error.message}</Alert>}
      <Stack direction="row" spacing={1.5} sx={{ mt: 1 }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={onCreate}>
          {t('servers.new')}
        </Button>
        <Button variant="outlined" startIcon={<ScienceIcon />} onClick={() => void startDemo()} disabled={starting}>
          {starting ? t('servers.demoStarting') : t('servers.tryDemo')}
        </Button>
      </Stack>
    </Paper>
  );
}
