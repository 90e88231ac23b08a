import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import type { ServerProfileView } from '../../../shared/types/server-profile';
import { api, toApiError } from '../api';
import { useT } from '../i18n';
import { useNoticeStore } from '../stores/notice-store';
import { useServersStore } from '../stores/servers-store';
import { DeleteServerDialog } from './DeleteServerDialog';
import { RenameServerDialog } from './RenameServerDialog';
import { ServerEditorDialog } from './ServerEditorDialog';
import { ServersEmptyState } from './ServersEmptyState';
import { ServersTable } from './ServersTable';

type OpenDialog =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'edit'; server: ServerProfileView }
  | { kind: 'rename'; server: ServerProfileView }
  | { kind: 'delete'; server: ServerProfileView };

/** The first screen: the saved servers, and creating, editing, renaming and deleting them. */
export function ServersScreen() {
  const t = useT();
  const servers = useServersStore((s) => s.servers);
  const status = useServersStore((s) => s.status);
  const loadError = useServersStore((s) => s.loadError);
  const load = useServersStore((s) => s.load);
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const close = () => setDialog({ kind: 'none' });
  const saved = (key: 'servers.saved' | 'servers.renamed') => (server: ServerProfileView) => {
    close();
    useNoticeStore.getState().showSuccess(t(key, { name: server.name }));
  };

  const duplicate = async (server: ServerProfileView) => {
    const names = new Set(servers.map((s) => s.name));
    let name = t('servers.copyName', { name: server.name });
    for (let n = 2; names.has(name); n++) name = t('servers.copyNameN', { name: server.name, n });
    try {
      const copy = await api.serversDuplicate({ id: server.id, name: name.slice(0, 80) });
      await load();
      useNoticeStore.getState().showSuccess(t('servers.duplicated', { name: copy.name }));
    } catch (err) {
      useNoticeStore.getState().showError(toApiError(err));
    }
  };

  return (
    <Box component="section" aria-labelledby="servers-heading">
      <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: 2, mb: 2.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 280 }}>
          <Typography id="servers-heading" variant="h5" component="h1" fontWeight={600}>
            {t('servers.heading')}
          </Typography>
          <Typography color="text.secondary">{t('servers.intro')}</Typography>
        </Box>
        {servers.length > 0 && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'new' })}>
            {t('servers.new')}
          </Button>
        )}
      </Box>

      {(status === 'idle' || status === 'loading') && (
        <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} role="status" aria-live="polite">
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      )}
      {status === 'error' && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void load()}>
              {t('servers.retry')}
            </Button>
          }
        >
          {t('servers.loadFailed')}{' '}
          {loadError?.message || t(loadError?.code === 'unavailable' ? 'error.unavailable' : 'error.internal')}
        </Alert>
      )}
      {status === 'ready' && servers.length === 0 && <ServersEmptyState onCreate={() => setDialog({ kind: 'new' })} />}
      {status === 'ready' && servers.length > 0 && (
        <ServersTable
          servers={servers}
          onEdit={(server) => setDialog({ kind: 'edit', server })}
          onRename={(server) => setDialog({ kind: 'rename', server })}
          onDuplicate={(server) => void duplicate(server)}
          onDelete={(server) => setDialog({ kind: 'delete', server })}
        />
      )}

      {dialog.kind === 'new' && <ServerEditorDialog onClose={close} onSaved={saved('servers.saved')} />}
      {dialog.kind === 'edit' && (
        <ServerEditorDialog
          key={dialog.server.id}
          server={dialog.server}
          onClose={close}
          onSaved={saved('servers.saved')}
        />
      )}
      {dialog.kind === 'rename' && (
        <RenameServerDialog server={dialog.server} onClose={close} onRenamed={saved('servers.renamed')} />
      )}
      {dialog.kind === 'delete' && <DeleteServerDialog server={dialog.server} onClose={close} />}
    </Box>
  );
}
