import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import NetworkCheckIcon from '@mui/icons-material/NetworkCheck';
import type { DatabaseCheck, StoreCheck } from '../../../../shared/types/reference';
import { api, toApiError } from '../../api';
import { connectionOf, typedSecret, type ServerForm } from '../../forms/server-form';
import { useT } from '../../i18n';

type Shown<T> = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; result: T } | { kind: 'error'; message: string };

/** "Test store connection": the store's name and the plan's request limit, or why it failed. */
export function StoreTest({ form }: { form: ServerForm }) {
  const t = useT();
  const [shown, setShown] = useState<Shown<StoreCheck>>({ kind: 'idle' });
  const test = async () => {
    setShown({ kind: 'busy' });
    try {
      const result = await api.storeTest({
        serverId: form.id,
        domain: form.domain.trim(),
        apiKey: typedSecret(form.apiKey),
      });
      setShown({ kind: 'done', result });
    } catch (err) {
      setShown({ kind: 'error', message: toApiError(err).message || t('error.internal') });
    }
  };
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Button
        variant="outlined"
        startIcon={shown.kind === 'busy' ? <CircularProgress size={16} /> : <NetworkCheckIcon />}
        onClick={() => void test()}
        disabled={shown.kind === 'busy' || !form.domain.trim()}
        id="test-store"
      >
        {t('editor.testStore')}
      </Button>
      {shown.kind === 'done' && (
        <Alert severity={shown.result.ok ? 'success' : 'error'} sx={{ width: '100%' }} data-testid="store-test-result">
          {shown.result.ok
            ? t('editor.storeOk', {
                name: shown.result.storeName ?? form.domain,
                limit: shown.result.rateLimit ?? '?',
              })
            : shown.result.message}
        </Alert>
      )}
      {shown.kind === 'error' && (
        <Alert severity="error" sx={{ width: '100%' }}>
          {shown.message}
        </Alert>
      )}
    </Stack>
  );
}

/** "Test database connection": the server and the Warehouse Pro schema check, or what is missing. */
export function DatabaseTest({ form, onOk }: { form: ServerForm; onOk(): void }) {
  const t = useT();
  const [shown, setShown] = useState<Shown<DatabaseCheck>>({ kind: 'idle' });
  const test = async () => {
    setShown({ kind: 'busy' });
    try {
      const result = await api.databaseTest({
        serverId: form.id,
        connection: connectionOf(form),
        password: typedSecret(form.dbPassword),
      });
      setShown({ kind: 'done', result });
      if (result.ok) onOk();
    } catch (err) {
      setShown({ kind: 'error', message: toApiError(err).message || t('error.internal') });
    }
  };
  const r = shown.kind === 'done' ? shown.result : null;
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Button
        variant="outlined"
        startIcon={shown.kind === 'busy' ? <CircularProgress size={16} /> : <NetworkCheckIcon />}
        onClick={() => void test()}
        disabled={shown.kind === 'busy'}
        id="test-database"
      >
        {t('editor.testDatabase')}
      </Button>
      {r && (
        <Alert
          severity={r.ok ? (r.canWrite ? 'success' : 'warning') : 'error'}
          sx={{ width: '100%' }}
          data-testid="database-test-result"
        >
          {r.ok ? t('editor.databaseOk', { version: r.serverVersion ?? '', goods: r.goodsCount ?? 0 }) : r.message}
          {r.missing.length > 0 && ` ${t('editor.databaseMissing', { list: r.missing.join(', ') })}`}
          {r.ok && !r.canWrite && ` ${t('editor.databaseReadOnly')}`}
        </Alert>
      )}
      {shown.kind === 'error' && (
        <Alert severity="error" sx={{ width: '100%' }}>
          {shown.message}
        </Alert>
      )}
    </Stack>
  );
}
