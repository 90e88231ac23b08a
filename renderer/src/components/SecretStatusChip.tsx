import Chip from '@mui/material/Chip';
import KeyIcon from '@mui/icons-material/Key';
import KeyOffIcon from '@mui/icons-material/KeyOff';
import { useT } from '../i18n';

/** "зададен" / "не е зададен": all the UI ever learns about a stored secret. */
export function SecretStatusChip({ state, id }: { state: 'set' | 'unset'; id?: string }) {
  const t = useT();
  return state === 'set' ? (
    <Chip id={id} size="small" color="success" variant="outlined" icon={<KeyIcon />} label={t('secret.set')} />
  ) : (
    <Chip id={id} size="small" variant="outlined" icon={<KeyOffIcon />} label={t('secret.unset')} />
  );
}
