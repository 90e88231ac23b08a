import type { ReactElement } from 'react';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import DriveFileRenameOutlineIcon from '@mui/icons-material/DriveFileRenameOutline';
import EditIcon from '@mui/icons-material/Edit';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import type { ServerProfileView } from '../../../shared/types/server-profile';
import { useT, type Translate } from '../i18n';
import { SERVER_TYPE_LABEL } from '../forms/server-form';
import { useNavStore } from '../stores/nav-store';
import { useStatusStore } from '../stores/status-store';
import { SecretStatusChip } from './SecretStatusChip';
import { StartStopButton } from './server/StartStopButton';
import { LastRunLine, OrderAgeChip, ServerStateChip } from './server/StatusChips';

interface ServersTableProps {
  servers: ServerProfileView[];
  onEdit(server: ServerProfileView): void;
  onRename(server: ServerProfileView): void;
  onDuplicate(server: ServerProfileView): void;
  onDelete(server: ServerProfileView): void;
}

/**
 * The clerk's glance: every server with its state, the last run of each task, how long since
 * orders last came in (amber past an hour, red past 4 h), what needs attention; Start and Stop.
 */
export function ServersTable(props: ServersTableProps) {
  const t = useT();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table aria-label={t('servers.tableLabel')} size="medium">
        <TableHead>
          <TableRow>
            <TableCell>{t('servers.col.name')}</TableCell>
            <TableCell>{t('servers.col.state')}</TableCell>
            <TableCell>{t('servers.col.lastRuns')}</TableCell>
            <TableCell>{t('servers.col.orders')}</TableCell>
            <TableCell align="right">{t('servers.col.actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.servers.map((server) => (
            <ServerRow key={server.id} server={server} {...props} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ServerRow({ server, ...actions }: Omit<ServersTableProps, 'servers'> & { server: ServerProfileView }) {
  const t = useT();
  const status = useStatusStore((s) => s.byServer[server.id]);
  const openServer = useNavStore((s) => s.openServer);
  const attention = status?.attentionCount ?? 0;
  return (
    <TableRow hover data-server-id={server.id}>
      <TableCell component="th" scope="row" sx={{ minWidth: 210, maxWidth: 300 }}>
        <Link
          component="button"
          variant="body1"
          fontWeight={600}
          underline="hover"
          onClick={() => openServer(server.id)}
          sx={{ wordBreak: 'break-word', textAlign: 'left' }}
          aria-label={t('servers.openAria', { name: server.name })}
        >
          {server.name}
        </Link>
        <Typography variant="caption" color="text.secondary" component="div" title={t('servers.col.type')}>
          {SERVER_TYPE_LABEL}
        </Typography>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mt: 0.5 }}>
          <Typography variant="caption" sx={{ wordBreak: 'break-all' }} title={t('servers.col.domain')}>
            {server.store.domain || t('servers.noDomain')}
          </Typography>
          <SecretStatusChip state={server.secrets.apiKey} />
        </Stack>
        <Typography variant="caption" color="text.secondary" component="div" sx={{ wordBreak: 'break-all' }}>
          {t(`dbKind.${server.database.kind}`)} · {databaseWhere(server)}
        </Typography>
      </TableCell>
      <TableCell>
        <ServerStateChip status={status} />
        {status?.activeRuns.map((run) => (
          <Typography key={run.id} variant="caption" component="div" color="text.secondary" noWrap>
            {t(`task.${run.task}`)} {run.total > 0 ? `${run.done}/${run.total}` : ''}
          </Typography>
        ))}
      </TableCell>
      <TableCell sx={{ maxWidth: 260, minWidth: 160 }}>
        <LastRunLine task="import" run={status?.lastRuns.import ?? null} />
        <LastRunLine task="export" run={status?.lastRuns.export ?? null} />
      </TableCell>
      <TableCell>
        <OrderAgeChip at={status?.lastOrderImportAt ?? null} />
        {attention > 0 && (
          <Link
            component="button"
            variant="body2"
            color="warning.dark"
            onClick={() => openServer(server.id, 'attention')}
            sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mt: 0.75 }}
          >
            <ReportProblemIcon fontSize="inherit" aria-hidden />
            {t('servers.attention', { n: attention })}
          </Link>
        )}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        <ServerActions server={server} t={t} {...actions} />
      </TableCell>
    </TableRow>
  );
}

function ServerActions({
  server,
  t,
  onEdit,
  onRename,
  onDuplicate,
  onDelete,
}: Omit<ServersTableProps, 'servers'> & { server: ServerProfileView; t: Translate }) {
  const icon = (title: string, aria: string, onClick: () => void, node: ReactElement, color?: 'error') => (
    <Tooltip title={title}>
      <IconButton size="small" color={color} onClick={onClick} aria-label={aria}>
        {node}
      </IconButton>
    </Tooltip>
  );
  return (
    <Stack
      direction={{ xs: 'column', lg: 'row' }}
      spacing={0.5}
      alignItems={{ xs: 'flex-end', lg: 'center' }}
      justifyContent="flex-end"
      role="group"
      aria-label={t('servers.actionsFor', { name: server.name })}
    >
      <StartStopButton server={server} />
      <Stack direction="row" spacing={0.25}>
        {icon(
          t('servers.edit'),
          t('servers.editAria', { name: server.name }),
          () => onEdit(server),
          <EditIcon fontSize="small" />,
        )}
        {icon(
          t('servers.rename'),
          t('servers.renameAria', { name: server.name }),
          () => onRename(server),
          <DriveFileRenameOutlineIcon fontSize="small" />,
        )}
        {icon(
          t('servers.duplicate'),
          t('servers.duplicateAria', { name: server.name }),
          () => onDuplicate(server),
          <ContentCopyIcon fontSize="small" />,
        )}
        {icon(
          t('servers.delete'),
          t('servers.deleteAria', { name: server.name }),
          () => onDelete(server),
          <DeleteOutlineIcon fontSize="small" />,
          'error',
        )}
      </Stack>
    </Stack>
  );
}

/** Where the database is, in a few words: host/database, or the file's name. */
function databaseWhere(server: ServerProfileView): string {
  const db = server.database;
  if (db.kind === 'access' || db.kind === 'sqlite') return db.filePath.split(/[\\/]/).pop() ?? '';
  const host = db.instance ? `${db.host}\\${db.instance}` : db.host;
  const port = db.port ? `:${db.port}` : '';
  return [host + port, db.database].filter(Boolean).join(' / ');
}
