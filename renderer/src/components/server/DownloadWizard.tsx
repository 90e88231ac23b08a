import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { RunItem, RunSummary } from '../../../../shared/types/sync';
import { api, toApiError, type ApiError } from '../../api';
import { waitForRun } from '../../api/wait-for-run';
import { useT } from '../../i18n';
import { useServersStore } from '../../stores/servers-store';
import { useStatusStore } from '../../stores/status-store';
import { Cut, VirtualTable } from '../common/VirtualTable';
import { RunProgressCard } from './RunProgressCard';
import { splitRef } from './plan-rows';
import { WizardOrdersFrom } from './WizardOrdersFrom';

type Stage = 'explain' | 'matching' | 'report' | 'downloading' | 'done';
type ReportTable = 'create' | 'matched' | 'ambiguous' | 'databaseOnly';

const STEPS: Stage[] = ['explain', 'report', 'downloading', 'done'];

/**
 * The one-time "download goods from CloudCart" (S8): explain, a match report from a dry run,
 * confirm, then exactly that plan is applied with progress, and the result. Afterwards the
 * setting is "no" again, and the wizard says so.
 */
export function DownloadWizard({ server, onClose }: { server: ServerProfileView; onClose(): void }) {
  const t = useT();
  const [stage, setStage] = useState<Stage>('explain');
  const [plan, setPlan] = useState<RunSummary | null>(null);
  const [items, setItems] = useState<RunItem[]>([]);
  const [result, setResult] = useState<RunSummary | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [table, setTable] = useState<ReportTable>('create');
  const activeRun = useStatusStore((s) => s.byServer[server.id]?.activeRuns.find((r) => r.task === 'download-goods'));
  const saved = useServersStore((s) => s.servers.find((p) => p.id === server.id));

  const groups = useMemo(
    () => ({
      create: items.filter((i) => i.kind === 'good' && i.action === 'create'),
      matched: items.filter((i) => i.kind === 'match' && i.action === 'link'),
      ambiguous: items.filter((i) => i.kind === 'match' && i.action === 'ambiguous'),
      databaseOnly: items.filter((i) => i.kind === 'good' && i.action === 'not-in-store'),
    }),
    [items],
  );

  const match = async () => {
    setError(null);
    setStage('matching');
    try {
      const { runId } = await api.syncRun({
        serverId: server.id,
        task: 'download-goods',
        dryRun: true,
        fullCompare: false,
      });
      const run = await waitForRun(runId);
      if (run.state !== 'succeeded') throw run.error ?? t(`runState.${run.state}`);
      const { items: list } = await api.runsItems({ runId, limit: 20000 });
      setPlan(run);
      setItems(list);
      setStage('report');
    } catch (err) {
      setError(typeof err === 'string' ? err : toApiError(err));
      setStage('explain');
    }
  };

  const download = async () => {
    if (!plan) return;
    setError(null);
    setStage('downloading');
    try {
      const { runId } = await api.syncRun({
        serverId: server.id,
        task: 'download-goods',
        dryRun: false,
        fullCompare: false,
        planRunId: plan.id,
      });
      const run = await waitForRun(runId);
      if (run.state !== 'succeeded') throw run.error ?? t(`runState.${run.state}`);
      setResult(run);
      setStage('done');
      void useServersStore.getState().load();
    } catch (err) {
      setError(typeof err === 'string' ? err : toApiError(err));
      setStage('report');
    }
  };

  const step = STEPS.indexOf(stage === 'matching' ? 'explain' : stage);
  const busy = stage === 'matching' || stage === 'downloading';
  const c = plan?.counts ?? {};

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="download-title">
      <DialogTitle id="download-title">{t('wizard.title', { name: server.name })}</DialogTitle>
      <DialogContent dividers>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((s) => (
            <Step key={s}>
              <StepLabel>{t(`wizard.step.${s}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {typeof error === 'string' ? error : error.message}
          </Alert>
        )}

        {(stage === 'explain' || stage === 'matching') && (
          <Stack spacing={1.5}>
            <Typography>{t('wizard.explain1')}</Typography>
            <Typography>{t('wizard.explain2')}</Typography>
            <Typography color="text.secondary">{t('wizard.explain3')}</Typography>
            {stage === 'matching' && <LinearProgress aria-label={t('wizard.matching')} />}
          </Stack>
        )}

        {stage === 'report' && plan && (
          <Stack spacing={2}>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 1.5 }} data-testid="match-report">
              <Figure n={c.storeOnly ?? 0} label={t('wizard.create')} />
              <Figure n={c.matched ?? 0} label={t('wizard.matched')} />
              <Figure n={c.ambiguous ?? 0} label={t('wizard.ambiguous')} warn={(c.ambiguous ?? 0) > 0} />
              <Figure n={c.databaseOnly ?? 0} label={t('wizard.databaseOnly')} />
            </Box>
            <Tabs value={table} onChange={(_, v: ReportTable) => setTable(v)} variant="scrollable">
              {(['create', 'matched', 'ambiguous', 'databaseOnly'] as const).map((k) => (
                <Tab key={k} value={k} label={`${t(`wizard.${k}`)} (${groups[k].length})`} />
              ))}
            </Tabs>
            <VirtualTable
              rows={groups[table]}
              height={300}
              label={t(`wizard.${table}`)}
              empty={t('plan.tableEmpty')}
              rowKey={(r, i) => `${i}-${r.ref}`}
              columns={[
                {
                  key: 'ref',
                  label: t('wizard.col.key'),
                  width: '30%',
                  render: (r) => <Cut text={splitRef(r.ref).name} />,
                },
                { key: 'what', label: t('wizard.col.what'), render: (r) => <Cut text={r.newValue} /> },
                { key: 'why', label: t('plan.col.details'), width: '25%', render: (r) => <Cut text={r.message} /> },
              ]}
            />
            <Alert severity="info">{t('wizard.confirmText', { n: c.storeOnly ?? 0, m: c.matched ?? 0 })}</Alert>
          </Stack>
        )}

        {stage === 'downloading' && (activeRun ? <RunProgressCard run={activeRun} /> : <LinearProgress />)}

        {stage === 'done' && result && (
          <Stack spacing={1.5}>
            <Alert severity="success" data-testid="wizard-result">
              {t('wizard.doneText', { n: result.counts.goodsCreated ?? 0, m: result.counts.matched ?? 0 })}
            </Alert>
            {saved && !saved.settings.importTask.downloadGoods && (
              <Typography data-testid="wizard-setting-off">{t('wizard.settingOff')}</Typography>
            )}
            {saved && <WizardOrdersFrom server={saved} />}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy} color="inherit">
          {stage === 'done' ? t('error.close') : t('editor.cancel')}
        </Button>
        {(stage === 'explain' || stage === 'matching') && (
          <Button variant="contained" onClick={() => void match()} disabled={busy}>
            {t('wizard.makeReport')}
          </Button>
        )}
        {stage === 'report' && (
          <Button
            variant="contained"
            onClick={() => void download()}
            disabled={(c.storeOnly ?? 0) + (c.matched ?? 0) === 0}
          >
            {t('wizard.confirm')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function Figure({ n, label, warn }: { n: number; label: string; warn?: boolean }) {
  return (
    <Box
      sx={{ border: 1, borderColor: warn ? 'warning.main' : 'divider', borderRadius: 1, p: 1.5, textAlign: 'center' }}
    >
      <Typography variant="h5" fontWeight={600} color={warn ? 'warning.dark' : 'text.primary'}>
        {n}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}
