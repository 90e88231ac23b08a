import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import type { SecretDraft } from '../forms/server-form';
import { useT } from '../i18n';
import { SecretStatusChip } from './SecretStatusChip';

interface SecretFieldProps {
  id: string;
  label: string;
  helperText?: string;
  /** What the engine says is stored; the value itself never reaches the UI. */
  stored: 'set' | 'unset';
  value: SecretDraft;
  onChange(value: SecretDraft): void;
  error?: string;
  /**
   * Set when the address this secret was saved for has changed (the engine will not send the
   * saved one there): the field asks for the secret again and says why.
   */
  moved?: string;
}

/**
 * A write-only secret (the store's Key, a database password). When one is stored it shows "set"
 * with Replace and Clear; it is never pre-filled. Typing a value replaces the stored one on save.
 * When the address it was saved for changed (`moved`), it asks for the secret again.
 */
export function SecretField({ id, label, helperText, stored, value, onChange, error, moved }: SecretFieldProps) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  const labelId = `${id}-label`;
  const helpId = `${id}-help`;

  if (stored === 'set' && (value === null || (value === undefined && !moved))) {
    const clearing = value === null;
    return (
      <Box role="group" aria-labelledby={labelId} aria-describedby={helpId}>
        {/* Drawn like an outlined text field, so the stored secret sits where its input would be. */}
        <Box
          sx={{
            position: 'relative',
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            flexWrap: 'wrap',
            minHeight: 40,
            px: 1.75,
            py: 0.5,
            border: 1,
            borderColor: error ? 'error.main' : 'rgba(0, 0, 0, 0.23)',
            borderRadius: 1,
          }}
        >
          <Typography
            id={labelId}
            variant="caption"
            color="text.secondary"
            sx={{ position: 'absolute', top: -9, left: 9, px: 0.5, bgcolor: 'background.paper', lineHeight: '16px' }}
          >
            {label}
          </Typography>
          {clearing ? (
            <>
              <Chip id={`${id}-state`} size="small" color="warning" variant="outlined" label={t('secret.willClear')} />
              <Button size="small" onClick={() => onChange(undefined)}>
                {t('secret.undoClear')}
              </Button>
            </>
          ) : (
            <>
              <SecretStatusChip id={`${id}-state`} state="set" />
              <Button
                id={`${id}-replace`}
                size="small"
                variant="outlined"
                onClick={() => onChange('')}
                aria-label={`${t('secret.replace')}: ${label}`}
              >
                {t('secret.replace')}
              </Button>
              <Button
                size="small"
                color="inherit"
                onClick={() => onChange(null)}
                aria-label={`${t('secret.clear')}: ${label}`}
              >
                {t('secret.clear')}
              </Button>
            </>
          )}
        </Box>
        <FormHelperText id={helpId} error={Boolean(error)} sx={{ mx: 1.75 }}>
          {error ?? helperText ?? t('secret.keptHint')}
        </FormHelperText>
      </Box>
    );
  }

  const replacing = stored === 'set' && !moved;
  const retyping = stored === 'set' && Boolean(moved);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <TextField
          id={id}
          label={replacing ? `${label}: ${t('secret.newValue')}` : label}
          type={visible ? 'text' : 'password'}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value)}
          autoFocus={replacing}
          error={Boolean(error)}
          helperText={error ?? helperText}
          slotProps={{
            htmlInput: { autoComplete: 'new-password', spellCheck: false, 'data-secret': 'true' },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton
                    size="small"
                    edge="end"
                    aria-label={visible ? t('secret.hide') : t('secret.show')}
                    aria-pressed={visible}
                    onClick={() => setVisible((v) => !v)}
                  >
                    {visible ? <VisibilityOffIcon fontSize="small" /> : <VisibilityIcon fontSize="small" />}
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
        {replacing && (
          <Button size="small" sx={{ mt: 0.5, flexShrink: 0 }} onClick={() => onChange(undefined)}>
            {t('secret.cancel')}
          </Button>
        )}
        {retyping && (
          <Button size="small" color="inherit" sx={{ mt: 0.5, flexShrink: 0 }} onClick={() => onChange(null)}>
            {t('secret.removeSaved')}
          </Button>
        )}
      </Box>
      {retyping && (
        <Alert severity="warning" variant="outlined" sx={{ mt: 1 }} id={`${id}-moved`} role="status">
          {moved}
        </Alert>
      )}
    </Box>
  );
}
