import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { SyncSettings } from '../../../shared/types/server-profile';
import { api, toApiError } from '../api';
import { DatabaseTest } from './editor/ConnectionTests';
import { StoreTests } from './editor/StoreTests';
import { StoreOptionsTab } from './editor/StoreOptionsTab';
import { TasksTab } from './editor/TasksTab';
import { WarehouseTab, type ReferenceState } from './editor/WarehouseTab';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SERVER_TYPE, type ServerProfileView } from '../../../shared/types/server-profile';
import { databaseEndpointLabel, sameDatabaseEndpoint, sameStoreEndpoint } from '../../../shared/types/secret-scope';
import type { ApiError } from '../api';
import {
  emptyForm,
  SERVER_TYPE_LABEL,
  formFromView,
  formToInput,
  connectionOf,
  typedSecret,
  FORM_PATHS,
  type FieldErrors,
  type ServerForm,
} from '../forms/server-form';
import { fieldErrorText, isMessageKey, useT } from '../i18n';
import { useServersStore } from '../stores/servers-store';
import { DatabaseFields } from './DatabaseFields';
import { SecretField } from './SecretField';

interface ServerEditorDialogProps {
  /** The profile to edit; absent for "Нов сървър". */
  server?: ServerProfileView;
  onClose(): void;
  onSaved(saved: ServerProfileView): void;
}

/** Which form field a path's error clears when that field is edited. */
const PATH_OF: Partial<Record<keyof ServerForm, string>> = {
  name: 'name',
  domain: 'store.domain',
  apiKey: 'secrets.apiKey',
  kind: 'database.kind',
  host: 'database.host',
  port: 'database.port',
  database: 'database.database',
  user: 'database.user',
  instance: 'database.instance',
  filePath: 'database.filePath',
  dbPassword: 'secrets.dbPassword',
};

/**
 * "Нов сървър" / "Редакция": one server profile. Checked with the shared schema before it is sent
 * and again by the engine; problems from either are shown at their fields.
 */
export function ServerEditorDialog({ server, onClose, onSaved }: ServerEditorDialogProps) {
  const t = useT();
  const save = useServersStore((s) => s.save);
  const [form, setForm] = useState<ServerForm>(() => (server ? formFromView(server) : emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState<EditorTab>('connection');
  const [reference, setReference] = useState<ReferenceState>({ kind: 'idle' });

  const loadReference = useCallback(async () => {
    setReference({ kind: 'loading' });
    try {
      const data = await api.databaseReference({
        serverId: form.id,
        connection: connectionOf(form),
        password: typedSecret(form.dbPassword),
      });
      setReference({ kind: 'ready', data });
    } catch (err) {
      setReference({ kind: 'error', message: toApiError(err).message });
    }
    // The lists follow the connection fields; a change of other fields does not reload them.
  }, [
    form.id,
    form.kind,
    form.host,
    form.port,
    form.database,
    form.user,
    form.instance,
    form.filePath,
    form.dbPassword,
  ]);

  // An existing server's lists are read when its Warehouse Pro tab is first opened.
  useEffect(() => {
    if (tab === 'warehouse' && reference.kind === 'idle' && server) void loadReference();
  }, [tab, reference.kind, server, loadReference]);

  const changeSettings = (settings: SyncSettings) => {
    setForm((current) => ({ ...current, settings }));
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith('settings.'))),
    );
  };

  const change = (patch: Partial<ServerForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch) as (keyof ServerForm)[]) {
        const path = PATH_OF[key];
        if (path) delete next[path];
      }
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFailure(null);
    const result = formToInput(form);
    if (!result.ok) {
      setErrors(result.errors);
      setTab(firstTabWithError(result.errors) ?? tab);
      focusFirstError(result.errors);
      return;
    }
    setSaving(true);
    try {
      const saved = await save(result.input);
      onSaved(saved);
    } catch (err) {
      const apiError = err as ApiError;
      setFailure(apiError);
      if (apiError.fields) {
        setErrors(apiError.fields);
        setTab(firstTabWithError(apiError.fields) ?? tab);
        focusFirstError(apiError.fields);
      }
    } finally {
      setSaving(false);
    }
  };

  const err = (path: string) => fieldErrorText(t, errors[path]);
  const unshown = Object.keys(errors).filter(
    (path) => !(FORM_PATHS as readonly string[]).includes(path) && !path.startsWith('settings.'),
  );
  const titleId = 'server-editor-title';

  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
      slotProps={{ paper: { component: 'form', noValidate: true, onSubmit: submit } as object }}
    >
      <DialogTitle id={titleId}>
        {server ? t('editor.titleEdit', { name: server.name }) : t('editor.titleNew')}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2.5}>
          {(failure || unshown.length > 0 || Object.keys(errors).length > 0) && (
            <Alert severity="error" role="alert" id="server-editor-error">
              {failure ? failure.message || failureText(t, failure) : t('editor.fixErrors')}
              {unshown.length > 0 && !failure && ` (${unshown.join(', ')})`}
            </Alert>
          )}

          <Tabs
            value={tab}
            onChange={(_, v: EditorTab) => setTab(v)}
            variant="scrollable"
            aria-label={t('editor.tabs')}
          >
            {EDITOR_TABS.map((key) => (
              <Tab
                key={key}
                value={key}
                id={`editor-tab-${key}`}
                label={
                  <span>
                    {t(`editor.tab.${key}`)}
                    {tabHasError(key, errors) && (
                      <Typography component="span" color="error" aria-label={t('editor.tabHasErrors')}>
                        {' '}
                        ●
                      </Typography>
                    )}
                  </span>
                }
              />
            ))}
          </Tabs>

          {tab === 'connection' && (
            <>
              <Section title={t('editor.section.server')}>
                <Grid container spacing={2}>
                  <Grid size={12}>
                    <TextField
                      id="server-name"
                      label={t('editor.name')}
                      value={form.name}
                      onChange={(event) => change({ name: event.target.value })}
                      required
                      autoFocus={!server}
                      error={Boolean(err('name'))}
                      helperText={err('name') ?? t('editor.nameHelp')}
                      slotProps={{ htmlInput: { maxLength: 80 } }}
                    />
                  </Grid>
                  <Grid size={12}>
                    <TextField id="server-type" select label={t('editor.type')} value={SERVER_TYPE}>
                      <MenuItem value={SERVER_TYPE}>{SERVER_TYPE_LABEL}</MenuItem>
                    </TextField>
                  </Grid>
                </Grid>
              </Section>

              <Section title={t('editor.section.store')}>
                <Grid container spacing={2}>
                  <Grid size={12}>
                    <TextField
                      id="server-domain"
                      label={t('editor.domain')}
                      value={form.domain}
                      onChange={(event) => change({ domain: event.target.value })}
                      placeholder="shop.example.bg"
                      error={Boolean(err('store.domain'))}
                      helperText={err('store.domain') ?? t('editor.domainHelp')}
                      slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'none' } }}
                    />
                  </Grid>
                  <Grid size={12}>
                    <SecretField
                      id="server-api-key"
                      label={t('editor.apiKey')}
                      helperText={t('editor.apiKeyHelp')}
                      stored={server?.secrets.apiKey ?? 'unset'}
                      value={form.apiKey}
                      onChange={(apiKey) => change({ apiKey })}
                      error={err('secrets.apiKey')}
                      moved={
                        server && !sameStoreEndpoint(server.store.domain, form.domain)
                          ? t('secret.retypeStore', { saved: server.store.domain })
                          : undefined
                      }
                    />
                  </Grid>
                  <Grid size={12}>
                    <StoreTests form={form} />
                  </Grid>
                </Grid>
              </Section>

              <Section title={t('editor.section.database')}>
                <DatabaseFields
                  form={form}
                  errors={errors}
                  storedPassword={server?.secrets.dbPassword ?? 'unset'}
                  passwordMoved={
                    server && !sameDatabaseEndpoint(server.database, connectionOf(form))
                      ? t('secret.retypeDatabase', { saved: databaseEndpointLabel(server.database) })
                      : undefined
                  }
                  onChange={change}
                />
                <Stack sx={{ mt: 2 }}>
                  <DatabaseTest form={form} onOk={() => void loadReference()} />
                </Stack>
              </Section>
            </>
          )}
          {tab === 'warehouse' && (
            <WarehouseTab
              settings={form.settings}
              onSettings={changeSettings}
              err={err}
              reference={reference}
              onLoad={() => void loadReference()}
            />
          )}
          {tab === 'tasks' && <TasksTab settings={form.settings} onSettings={changeSettings} err={err} />}
          {tab === 'store' && <StoreOptionsTab settings={form.settings} onSettings={changeSettings} err={err} />}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        <Button onClick={onClose} disabled={saving} color="inherit">
          {t('editor.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={saving} id="server-editor-save">
          {saving ? t('editor.saving') : t('editor.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

type EditorTab = 'connection' | 'warehouse' | 'tasks' | 'store';
const EDITOR_TABS: EditorTab[] = ['connection', 'warehouse', 'tasks', 'store'];

/** Which tab shows a schema path, so a problem on a hidden tab is marked and opened. */
function tabOf(path: string): EditorTab {
  if (
    path.startsWith('settings.importTask') ||
    path.startsWith('settings.exportTask.startMode') ||
    path === 'settings.runDeadlineMinutes'
  )
    return 'tasks';
  if (
    path.startsWith('settings.publish') ||
    path.startsWith('settings.overwrite') ||
    path.startsWith('settings.currency')
  )
    return 'store';
  if (path.startsWith('settings.')) return 'warehouse';
  return 'connection';
}

function tabHasError(tab: EditorTab, errors: FieldErrors): boolean {
  return Object.keys(errors).some((path) => tabOf(path) === tab);
}

function firstTabWithError(errors: FieldErrors): EditorTab | undefined {
  return EDITOR_TABS.find((tab) => tabHasError(tab, errors));
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Typography variant="subtitle2" component="h3" color="primary" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </section>
  );
}

function failureText(t: ReturnType<typeof useT>, error: ApiError): string {
  const key = `error.${error.code}`;
  return isMessageKey(key) ? t(key) : t('error.internal');
}

/** Moves focus to the first field with a problem, so a keyboard user lands where to fix it. */
function focusFirstError(errors: FieldErrors): void {
  const ids: Record<string, string> = {
    name: 'server-name',
    'store.domain': 'server-domain',
    'secrets.apiKey': 'server-api-key',
    'database.kind': 'server-db-kind',
    'database.host': 'server-db-host',
    'database.port': 'server-db-port',
    'database.database': 'server-db-database',
    'database.user': 'server-db-user',
    'database.instance': 'server-db-instance',
    'database.filePath': 'server-db-filePath',
    'secrets.dbPassword': 'server-db-password',
  };
  const first = FORM_PATHS.find((path) => errors[path]);
  if (!first) return;
  requestAnimationFrame(() => document.getElementById(ids[first])?.focus());
}
