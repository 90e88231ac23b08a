import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import EditIcon from '@mui/icons-material/Edit';
import { useT } from '../../i18n';
import { useNavStore, type ServerTab } from '../../stores/nav-store';
import { useNoticeStore } from '../../stores/notice-store';
import { useServersStore } from '../../stores/servers-store';
import { useStatusStore } from '../../stores/status-store';
import { ServerEditorDialog } from '../ServerEditorDialog';
import { ActivityTab } from './ActivityTab';
import { AttentionTab } from './AttentionTab';
import { DownloadWizard } from './DownloadWizard';
import { HistoryTab } from './HistoryTab';
import { MappingTab } from './MappingTab';
import { PlanTab } from './PlanTab';
import { ReconcileTab } from './ReconcileTab';
import { RunNowMenu } from './RunNowMenu';
import { StartStopButton } from './StartStopButton';
import { OrderAgeChip, ServerStateChip } from './StatusChips';

/** One server: its state and controls on top, then what runs, the plan, the history, what needs attention. */
export function ServerScreen({ serverId, tab }: { serverId: string; tab: ServerTab }) {
  const t = useT();
  const server = useServersStore((s) => s.servers.find((p) => p.id === serverId));
  const status = useStatusStore((s) => s.byServer[serverId]);
  const { back, setTab } = useNavStore();
  const [dialog, setDialog] = useState<'none' | 'edit' | 'download'>('none');

  if (!server) {
    return (
      <Alert severity="warning" action={<Button onClick={back}>{t('server.back')}</Button>}>
        {t('server.gone')}
      </Alert>
    );
  }
  return (
    <Box component="section" aria-labelledby="server-heading">
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mb: 2 }}>
        <Button startIcon={<ArrowBackIcon />} onClick={back} color="inherit">
          {t('servers.heading')}
        </Button>
        <Box sx={{ flex: 1, minWidth: 220 }}>
          <Typography id="server-heading" variant="h5" component="h1" fontWeight={600} sx={{ wordBreak: 'break-word' }}>
            {server.name}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
            {server.store.domain}
          </Typography>
        </Box>
        <ServerStateChip status={status} />
        <Stack direction="row" spacing={0.75} alignItems="center">
          <Typography variant="body2" color="text.secondary">
            {t('orders.lastImport')}
          </Typography>
          <OrderAgeChip at={status?.lastOrderImportAt ?? null} />
        </Stack>
        <StartStopButton server={server} size="medium" />
        <RunNowMenu server={server} onDownload={() => setDialog('download')} />
        <Button startIcon={<EditIcon />} onClick={() => setDialog('edit')}>
          {t('servers.edit')}
        </Button>
      </Stack>

      <Tabs
        value={tab}
        onChange={(_, v: ServerTab) => setTab(v)}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value="activity" label={t('tab.activity')} />
        <Tab value="plan" label={t('tab.plan')} />
        <Tab value="history" label={t('tab.history')} />
        <Tab value="mapping" label={t('tab.mapping')} />
        <Tab
          value="attention"
          label={
            <Badge color="warning" badgeContent={status?.attentionCount ?? 0} sx={{ pr: 1.5 }}>
              {t('tab.attention')}
            </Badge>
          }
        />
        <Tab value="reconcile" label={t('tab.reconcile')} />
      </Tabs>
      {tab === 'activity' && <ActivityTab serverId={serverId} status={status} />}
      {tab === 'plan' && <PlanTab serverId={serverId} />}
      {tab === 'history' && <HistoryTab serverId={serverId} />}
      {tab === 'attention' && <AttentionTab serverId={serverId} />}
      {tab === 'mapping' && <MappingTab serverId={serverId} />}
      {tab === 'reconcile' && <ReconcileTab serverId={serverId} />}

      {dialog === 'edit' && (
        <ServerEditorDialog
          server={server}
          onClose={() => setDialog('none')}
          onSaved={(saved) => {
            setDialog('none');
            useNoticeStore.getState().showSuccess(t('servers.saved', { name: saved.name }));
          }}
        />
      )}
      {dialog === 'download' && <DownloadWizard server={server} onClose={() => setDialog('none')} />}
    </Box>
  );
}
