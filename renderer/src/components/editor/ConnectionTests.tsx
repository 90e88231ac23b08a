import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import NetworkCheckIcon from '@mui/icons-material/NetworkCheck';
import { api, toApiError } from '../../api';
import { connectionOf, typedSecret, type ServerForm } from '../../forms/server-form';
import { useT } from '../../i18n';

export type Shown<T> =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; result: T } | { kind: 'error'; message: string };

/** "Test database connection": the server and the Warehouse Pro schema check, or what is missing. */
export function DatabaseTest({ form, onOk }: { form: ServerForm; onOk(): void }) {
  const t = useT();
  const { shown, test } = useConnectionTest(async () => {
    const result = await api.databaseTest({
      serverId: form.id,
      connection: connectionOf(form),
      password: typedSecret(form.dbPassword),
      orderTarget: { objectId: form.settings.operationsObjectId, operatorId: form.settings.operatorId },
    });
    if (result.ok) onOk();
    return result;
  });
  const r = shown.kind === 'done' ? shown.result : null;
  return (
    <Stack spacing={1} alignItems="flex-start">
      <TestButton id="test-database" label={t('editor.testDatabase')} shown={shown} onClick={test} />
      {r && (
        <Alert
          severity={r.ok ? (r.canWrite ? 'success' : 'warning') : 'error'}
          sx={{ width: '100%' }}
          data-testid="database-test-result"
        >
          {r.ok ? t('editor.databaseOk', { version: r.serverVersion ?? '', goods: r.goodsCount ?? 0 }) : r.message}
          {r.missing.length > 0 && ` ${t('editor.databaseMissing', { list: r.missing.join(', ') })}`}
          {r.vatIncluded !== null &&
            ` ${t(r.vatDefaulted ? 'editor.databaseVatDefault' : r.vatIncluded ? 'editor.databaseVatIncluded' : 'editor.databaseVatExcluded')}`}
          {r.nullColumns.length > 0 && ` ${t('editor.databaseNulls', { list: r.nullColumns.join(', ') })}`}
          {r.ok && !r.canWrite && r.missingRights.length === 0 && ` ${t('editor.databaseReadOnly')}`}
          {r.ok && r.missingRights.length > 0 && (
            <span data-testid="database-rights" style={{ display: 'block', marginTop: 8 }}>
              {t('editor.databaseRights', { list: r.missingRights.join(', ') })}{' '}
              <code style={{ wordBreak: 'break-all' }}>{r.rightsFix}</code>
            </span>
          )}
        </Alert>
      )}
      <TestFailure shown={shown} />
    </Stack>
  );
}

/** One connection test: idle, running, its result, or the call's own failure. */
export function useConnectionTest<T>(run: () => Promise<T>) {
  const t = useT();
  const [shown, setShown] = useState<Shown<T>>({ kind: 'idle' });
  const test = async () => {
    setShown({ kind: 'busy' });
    try {
      setShown({ kind: 'done', result: await run() });
    } catch (err) {
      setShown({ kind: 'error', message: toApiError(err).message || t('error.internal') });
    }
  };
  return { shown, test };
}

export function TestButton<T>({
  id,
  label,
  shown,
  disabled,
  icon,
  onClick,
}: {
  id: string;
  label: string;
  shown: Shown<T>;
  disabled?: boolean;
  icon?: ReactNode;
  onClick(): Promise<void>;
}) {
  const busy = shown.kind === 'busy';
  return (
    <Button
      variant="outlined"
      startIcon={busy ? <CircularProgress size={16} /> : (icon ?? <NetworkCheckIcon />)}
      onClick={() => void onClick()}
      disabled={busy || disabled}
      id={id}
    >
      {label}
    </Button>
  );
}

export function TestFailure<T>({ shown }: { shown: Shown<T> }) {
  if (shown.kind !== 'error') return null;
  return (
    <Alert severity="error" sx={{ width: '100%' }}>
      {shown.message}
    </Alert>
  );
}
