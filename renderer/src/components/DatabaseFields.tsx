import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { DatabaseKind } from '../../../shared/types/server-profile';
import {
  DATABASE_KINDS,
  DEFAULT_PORTS,
  KIND_FIELDS,
  type FieldErrors,
  type SecretDraft,
  type ServerForm,
} from '../forms/server-form';
import { fieldErrorText, useT, type MessageKey } from '../i18n';
import { SecretField } from './SecretField';

interface DatabaseFieldsProps {
  form: ServerForm;
  errors: FieldErrors;
  storedPassword: 'set' | 'unset';
  /** Why the saved password will not be used (the connection changed), if it will not. */
  passwordMoved?: string;
  onChange(patch: Partial<ServerForm>): void;
}

type TextFieldName = 'host' | 'port' | 'database' | 'user' | 'instance' | 'filePath';

/** The Warehouse Pro database: its kind, then only the connection fields that kind needs. */
export function DatabaseFields({ form, errors, storedPassword, passwordMoved, onChange }: DatabaseFieldsProps) {
  const t = useT();
  const err = (field: string) => fieldErrorText(t, errors[`database.${field}`]);

  const text = (field: TextFieldName, label: MessageKey, help?: string, width = 12) => (
    <Grid key={field} size={{ xs: 12, sm: width }}>
      <TextField
        id={`server-db-${field}`}
        label={t(label)}
        value={form[field]}
        onChange={(event) => onChange({ [field]: event.target.value })}
        error={Boolean(err(field))}
        helperText={err(field) ?? help}
        required={field === 'host' || field === 'database' || field === 'filePath'}
        slotProps={field === 'port' ? { htmlInput: { inputMode: 'numeric' } } : undefined}
      />
    </Grid>
  );

  const fileLabel: MessageKey = form.kind === 'access' ? 'editor.accessFile' : 'editor.sqliteFile';
  const fileHelp: MessageKey = form.kind === 'access' ? 'editor.accessFileHelp' : 'editor.sqliteFileHelp';
  const defaultPort = DEFAULT_PORTS[form.kind];

  const render = (field: (typeof KIND_FIELDS)[DatabaseKind][number]) => {
    switch (field) {
      case 'host':
        return text('host', 'editor.host', undefined, 8);
      case 'port':
        return text('port', 'editor.port', defaultPort ? t('editor.portHelp', { port: defaultPort }) : undefined, 4);
      case 'instance':
        return text('instance', 'editor.instance', t('editor.instanceHelp'));
      case 'database':
        return text('database', 'editor.database', undefined, 6);
      case 'user':
        return text('user', 'editor.user', undefined, 6);
      case 'filePath':
        return text('filePath', fileLabel, t(fileHelp));
      case 'dbPassword':
        return (
          <Grid key="dbPassword" size={12}>
            <SecretField
              id="server-db-password"
              label={t(form.kind === 'access' ? 'editor.accessPassword' : 'editor.dbPassword')}
              stored={storedPassword}
              value={form.dbPassword}
              onChange={(dbPassword: SecretDraft) => onChange({ dbPassword })}
              error={fieldErrorText(t, errors['secrets.dbPassword'])}
              moved={passwordMoved}
            />
          </Grid>
        );
    }
  };

  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <TextField
          id="server-db-kind"
          select
          label={t('editor.dbKind')}
          value={form.kind}
          onChange={(event) => onChange({ kind: event.target.value as DatabaseKind })}
          error={Boolean(err('kind'))}
          helperText={err('kind')}
        >
          {DATABASE_KINDS.map((kind) => (
            <MenuItem key={kind} value={kind}>
              {t(`dbKind.${kind}`)}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      {KIND_FIELDS[form.kind].map(render)}
    </Grid>
  );
}
