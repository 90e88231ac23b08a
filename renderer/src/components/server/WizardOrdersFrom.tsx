import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { useT } from '../../i18n';
import { useServersStore } from '../../stores/servers-store';

/**
 * In the download wizard: "import orders from" a day, so a shop that starts using the program can
 * bring in the orders placed since then (without it, only orders placed after the server was saved
 * with its import on become documents). Saved as the server's `settings.orders.from`.
 */
export function WizardOrdersFrom({ server }: { server: ServerProfileView }) {
  const t = useT();
  const [day, setDay] = useState(server.settings.orders.from ?? '');
  const [saved, setSaved] = useState(false);
  const valid = day === '' || /^\d{4}-\d{2}-\d{2}$/.test(day);
  const save = async () => {
    await useServersStore.getState().save({
      id: server.id,
      name: server.name,
      type: server.type,
      store: server.store,
      database: server.database,
      settings: { ...server.settings, orders: { ...server.settings.orders, from: day || null } },
      secrets: {},
    });
    setSaved(true);
  };
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start">
      <TextField
        id="wizard-orders-from"
        type="date"
        size="small"
        label={t('orders.from')}
        value={day}
        onChange={(e) => {
          setDay(e.target.value);
          setSaved(false);
        }}
        slotProps={{ inputLabel: { shrink: true } }}
        helperText={t('orders.fromHelp')}
        sx={{ flex: 1 }}
      />
      <Button variant="outlined" disabled={!valid || saved} onClick={() => void save()}>
        {t('editor.save')}
      </Button>
    </Stack>
  );
}
