import { useState } from 'react';
import Button from '@mui/material/Button';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { api, toApiError } from '../../api';
import { useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { useStatusStore } from '../../stores/status-store';

/** The seed's "Старт": starts the server's schedule; Stop lets a running batch finish first. */
export function StartStopButton({ server, size = 'small' }: { server: ServerProfileView; size?: 'small' | 'medium' }) {
  const t = useT();
  const started = useStatusStore((s) => s.byServer[server.id]?.started ?? false);
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    setBusy(true);
    try {
      // The new state arrives as a `servers:stateEvent`; the answer itself may already be older
      // than the events of a run that started and finished meanwhile, so it is not applied.
      if (started) await api.syncStop({ serverId: server.id });
      else await api.syncStart({ serverId: server.id });
    } catch (err) {
      useNoticeStore.getState().showError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size={size}
      variant={started ? 'outlined' : 'contained'}
      color={started ? 'inherit' : 'success'}
      startIcon={started ? <StopIcon /> : <PlayArrowIcon />}
      onClick={() => void toggle()}
      disabled={busy}
      aria-label={t(started ? 'server.stopAria' : 'server.startAria', { name: server.name })}
      sx={{ minWidth: 96 }}
    >
      {busy && started ? t('server.stopping') : t(started ? 'server.stop' : 'servers.start')}
    </Button>
  );
}
