/**
 * The store's checks in the editor, side by side: "Test store connection" (the key, the host, the
 * plan's limit) and "Check compatibility" (B20: every behaviour the sync relies on, line by line),
 * with the write test as an explicit opt-in behind a warning. Both send the typed key, or the
 * saved one only while the address is the one it was saved for (the engine decides).
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { api } from '../../api';
import { typedSecret, type ServerForm } from '../../forms/server-form';
import { useT } from '../../i18n';
import { TestButton, TestFailure, useConnectionTest } from './ConnectionTests';
import { CompatibilityResult } from './CompatibilityResult';

export function StoreTests({ form }: { form: ServerForm }) {
  const t = useT();
  const [writeTest, setWriteTest] = useState(false);
  const request = () => ({ serverId: form.id, domain: form.domain.trim(), apiKey: typedSecret(form.apiKey) });
  const connection = useConnectionTest(() => api.storeTest(request()));
  const check = useConnectionTest(() =>
    api.storeCheck({
      ...request(),
      writeTest,
      facts: {
        timeZone: form.settings.store.timeZone,
        pricesIncludeVat: form.settings.store.pricesIncludeVat,
        storeCurrency: form.settings.currency.store,
      },
    }),
  );
  const noDomain = !form.domain.trim();
  const shownConnection = connection.shown;
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TestButton
          id="test-store"
          label={t('editor.testStore')}
          shown={shownConnection}
          disabled={noDomain}
          onClick={connection.test}
        />
        <TestButton
          id="check-store"
          label={t('check.button')}
          shown={check.shown}
          disabled={noDomain}
          icon={<FactCheckIcon />}
          onClick={check.test}
        />
        <FormControlLabel
          control={
            <Checkbox
              id="check-store-write"
              checked={writeTest}
              onChange={(event) => setWriteTest(event.target.checked)}
              disabled={check.shown.kind === 'busy'}
            />
          }
          label={t('check.writeTest')}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('check.help')}
      </Typography>
      {writeTest && (
        <Alert severity="warning" sx={{ width: '100%' }} data-testid="check-store-write-warning">
          {t('check.writeWarning')}
        </Alert>
      )}
      {shownConnection.kind === 'done' && (
        <Alert
          severity={shownConnection.result.ok ? 'success' : 'error'}
          sx={{ width: '100%' }}
          data-testid="store-test-result"
        >
          {shownConnection.result.ok
            ? t('editor.storeOk', {
                name: shownConnection.result.storeName ?? form.domain,
                limit: shownConnection.result.rateLimit ?? '?',
              })
            : shownConnection.result.message}
        </Alert>
      )}
      <TestFailure shown={shownConnection} />
      {check.shown.kind === 'done' && <CompatibilityResult result={check.shown.result} />}
      <TestFailure shown={check.shown} />
    </Stack>
  );
}
