import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
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
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import DriveFileRenameOutlineIcon from '@mui/icons-material/DriveFileRenameOutline';
import EditIcon from '@mui/icons-material/Edit';
import type { ServerProfileView } from '../../../shared/types/server-profile';
import { useT, type Translate } from '../i18n';
import { SERVER_TYPE_LABEL } from '../forms/server-form';
import { SecretStatusChip } from './SecretStatusChip';

interface ServersTableProps {
  servers: ServerProfileView[];
  onEdit(server: ServerProfileView): void;
  onRename(server: ServerProfileView): void;
  onDelete(server: ServerProfileView): void;
}

/** The saved servers: what each connects (store, database) and whether its Key is set. */
export function ServersTable({ servers, onEdit, onRename, onDelete }: ServersTableProps) {
  const t = useT();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table aria-label={t('servers.tableLabel')} size="medium">
        <TableHead>
          <TableRow>
            <TableCell>{t('servers.col.name')}</TableCell>
            <TableCell>{t('servers.col.domain')}</TableCell>
            <TableCell>{t('servers.col.database')}</TableCell>
            <TableCell>{t('servers.col.key')}</TableCell>
            <TableCell align="right">{t('servers.col.actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {servers.map((server) => (
            <TableRow key={server.id} hover data-server-id={server.id}>
              <TableCell component="th" scope="row">
                <Typography fontWeight={600} sx={{ wordBreak: 'break-word' }}>
                  {server.name}
                </Typography>
                <Typography variant="caption" color="text.secondary" title={t('servers.col.type')}>
                  {SERVER_TYPE_LABEL}
                </Typography>
              </TableCell>
              <TableCell sx={{ wordBreak: 'break-all' }}>
                {server.store.domain || (
                  <Typography component="span" variant="body2" color="text.secondary" fontStyle="italic">
                    {t('servers.noDomain')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Typography variant="body2">{t(`dbKind.${server.database.kind}`)}</Typography>
                <Typography variant="caption" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
                  {databaseWhere(server)}
                </Typography>
              </TableCell>
              <TableCell>
                <SecretStatusChip state={server.secrets.apiKey} />
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <ServerActions server={server} t={t} onEdit={onEdit} onRename={onRename} onDelete={onDelete} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ServerActions({
  server,
  t,
  onEdit,
  onRename,
  onDelete,
}: Omit<ServersTableProps, 'servers'> & { server: ServerProfileView; t: Translate }) {
  return (
    <Stack
      direction="row"
      spacing={0.5}
      justifyContent="flex-end"
      role="group"
      aria-label={t('servers.actionsFor', { name: server.name })}
    >
      <Button
        size="small"
        variant="outlined"
        startIcon={<EditIcon />}
        onClick={() => onEdit(server)}
        aria-label={t('servers.editAria', { name: server.name })}
      >
        {t('servers.edit')}
      </Button>
      <Tooltip title={t('servers.rename')}>
        <IconButton
          size="small"
          onClick={() => onRename(server)}
          aria-label={t('servers.renameAria', { name: server.name })}
        >
          <DriveFileRenameOutlineIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={t('servers.delete')}>
        <IconButton
          size="small"
          color="error"
          onClick={() => onDelete(server)}
          aria-label={t('servers.deleteAria', { name: server.name })}
        >
          <DeleteOutlineIcon fontSize="small" />
        </IconButton>
      </Tooltip>
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
