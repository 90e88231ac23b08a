import { useState, type ReactElement } from 'react';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import EventIcon from '@mui/icons-material/Event';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import InventoryIcon from '@mui/icons-material/Inventory';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import SyncIcon from '@mui/icons-material/Sync';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { TaskKind } from '../../../../shared/types/sync';
import { useT, type MessageKey } from '../../i18n';
import { startRun } from '../../stores/start-run';
import { useNavStore } from '../../stores/nav-store';
import { OrdersFromDialog } from './OrdersFromDialog';

interface Choice {
  label: MessageKey;
  help: MessageKey;
  icon: ReactElement;
  task: TaskKind;
  dryRun?: boolean;
  fullCompare?: boolean;
}

const CHOICES: (Choice | 'divider')[] = [
  { label: 'runNow.import', help: 'runNow.importHelp', icon: <ReceiptLongIcon />, task: 'import' },
  { label: 'runNow.export', help: 'runNow.exportHelp', icon: <CloudUploadIcon />, task: 'export' },
  {
    label: 'runNow.fullCompare',
    help: 'runNow.fullCompareHelp',
    icon: <SyncIcon />,
    task: 'export',
    fullCompare: true,
  },
  'divider',
  { label: 'runNow.planExport', help: 'runNow.planHelp', icon: <FactCheckIcon />, task: 'export', dryRun: true },
  { label: 'runNow.planImport', help: 'runNow.planHelp', icon: <FactCheckIcon />, task: 'import', dryRun: true },
];

/** Runs a task now, or its dry run (the plan), whatever the schedule says. */
export function RunNowMenu({ server, onDownload }: { server: ServerProfileView; onDownload(): void }) {
  const t = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const openServer = useNavStore((s) => s.openServer);
  const [ordersFrom, setOrdersFrom] = useState(false);

  const run = async (choice: Choice) => {
    setAnchor(null);
    await startRun({
      serverId: server.id,
      task: choice.task,
      dryRun: choice.dryRun ?? false,
      fullCompare: choice.fullCompare ?? false,
    });
  };

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        endIcon={<ArrowDropDownIcon />}
        onClick={(event) => setAnchor(event.currentTarget)}
        aria-haspopup="menu"
        aria-expanded={Boolean(anchor)}
        aria-label={t('runNow.aria', { name: server.name })}
      >
        {t('runNow.button')}
      </Button>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {CHOICES.map((choice, i) =>
          choice === 'divider' ? (
            <Divider key={`d${i}`} />
          ) : (
            <MenuItem key={choice.label} onClick={() => void run(choice)}>
              <ListItemIcon>{choice.icon}</ListItemIcon>
              <ListItemText primary={t(choice.label)} secondary={t(choice.help)} />
            </MenuItem>
          ),
        )}
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setOrdersFrom(true);
          }}
        >
          <ListItemIcon>
            <EventIcon />
          </ListItemIcon>
          <ListItemText primary={t('runNow.ordersFrom')} secondary={t('runNow.ordersFromHelp')} />
        </MenuItem>
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            onDownload();
          }}
        >
          <ListItemIcon>
            <CloudDownloadIcon />
          </ListItemIcon>
          <ListItemText primary={t('runNow.download')} secondary={t('runNow.downloadHelp')} />
        </MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            openServer(server.id, 'history');
          }}
        >
          <ListItemIcon>
            <InventoryIcon />
          </ListItemIcon>
          <ListItemText primary={t('runNow.history')} />
        </MenuItem>
      </Menu>
      {ordersFrom && (
        <OrdersFromDialog
          open
          onClose={() => setOrdersFrom(false)}
          onStart={(day) => {
            setOrdersFrom(false);
            void startRun({ serverId: server.id, task: 'import', dryRun: false, fullCompare: false, ordersFrom: day });
          }}
        />
      )}
    </>
  );
}
