import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { RunItem } from '../../../../shared/types/sync';
import { formatDateTime } from '../../format';
import { useRunItems, useRuns } from '../../hooks/use-runs';
import { useLocale, useT } from '../../i18n';
import { usePlanTaskStore, type PlanTask } from '../../stores/plan-task-store';
import { startRun } from '../../stores/start-run';
import { useStatusStore } from '../../stores/status-store';
import { Cut, VirtualTable, type Column } from '../common/VirtualTable';
import { CountsLine } from './CountsLine';
import { localPart, planTables, splitRef } from './plan-rows';
import { sayExplain } from '../../../../shared/i18n/explain-texts';
import type { Locale } from '../../../../shared/ipc/contract';

type Table = 'prices' | 'quantities' | 'catalog' | 'orders' | 'other' | 'leftAlone';

const TABLES: Record<PlanTask, readonly Table[]> = {
  export: ['prices', 'quantities', 'catalog', 'other'],
  import: ['orders', 'other'],
  revert: ['prices', 'quantities', 'other', 'leftAlone'],
};

/**
 * The dry run as tables: prices old -> new, quantities with their explanation, products to create
 * with their variants, orders to write. "Apply" runs the task for real only if planning again
 * gives exactly these changes (the engine checks), so what was read is what happens. A revert
 * (History's "Върни") is planned and applied the same way, with the values it leaves alone listed.
 */
export function PlanTab({ serverId }: { serverId: string }) {
  const t = useT();
  const locale = useLocale();
  const task = usePlanTaskStore((s) => s.task);
  const setTask = usePlanTaskStore((s) => s.setTask);
  const { runs } = useRuns(serverId, 200);
  // A revert and an export never run at once on a server (they write the same values).
  const busy = useStatusStore(
    (s) =>
      s.byServer[serverId]?.activeRuns.some(
        (r) => r.task === task || (task !== 'import' && (r.task === 'export' || r.task === 'revert')),
      ) ?? false,
  );
  const plan = runs?.find((r) => r.dryRun && r.task === task) ?? null;
  const reverted = plan?.revertOf ? (runs?.find((r) => r.id === plan.revertOf) ?? null) : null;
  const { items } = useRunItems(plan?.state === 'succeeded' ? plan.id : null);
  const tables = useMemo(() => planTables(items ?? []), [items]);
  const [chosen, setTable] = useState<Table>(TABLES[task][0]);
  const table = TABLES[task].includes(chosen) ? chosen : TABLES[task][0];

  // A new plan stays on this tab; applying one shows the run. A revert is planned again for the same run.
  const start = (planRunId?: string) =>
    startRun(
      {
        serverId,
        task,
        dryRun: !planRunId,
        fullCompare: false,
        planRunId,
        ...(task === 'revert' && !planRunId && plan?.revertOf ? { revertOf: plan.revertOf } : {}),
      },
      Boolean(planRunId),
    );

  const counts: Record<Table, number> = {
    prices: tables.prices.length,
    quantities: tables.quantities.length,
    catalog: tables.catalog.filter((r) => r.depth === 0).length,
    orders: tables.orders.length,
    other: tables.other.length,
    leftAlone: tables.leftAlone.length,
  };
  const changes =
    task === 'revert'
      ? (items ?? []).filter((i) => i.status === 'planned').length
      : counts.prices +
        counts.quantities +
        tables.catalog.length +
        tables.orders.filter((o) => o.status === 'planned').length;

  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={task}
            onChange={(_, v: PlanTask | null) => {
              if (!v) return;
              setTask(v);
              setTable(TABLES[v][0]);
            }}
            aria-label={t('plan.task')}
          >
            <ToggleButton value="export">{t('task.export')}</ToggleButton>
            <ToggleButton value="import">{t('task.import')}</ToggleButton>
            <ToggleButton value="revert">{t('task.revert')}</ToggleButton>
          </ToggleButtonGroup>
          <Box sx={{ flex: 1, minWidth: 200 }}>
            {plan ? (
              <Typography variant="body2" color="text.secondary">
                {t('plan.madeAt', { at: formatDateTime(plan.startedAt, locale) })}
                {plan.state !== 'succeeded' && ` · ${t(`runState.${plan.state}`)}`}
              </Typography>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {t(task === 'revert' ? 'plan.revertNone' : 'plan.none')}
              </Typography>
            )}
          </Box>
          <Button
            startIcon={<FactCheckIcon />}
            variant="outlined"
            onClick={() => void start()}
            disabled={busy || (task === 'revert' && !plan?.revertOf)}
          >
            {t('plan.make')}
          </Button>
          <Button
            startIcon={<DoneAllIcon />}
            variant="contained"
            onClick={() => plan && void start(plan.id)}
            disabled={busy || !plan || plan.state !== 'succeeded' || changes === 0}
            id="plan-apply"
          >
            {t('plan.apply')}
          </Button>
        </Stack>
        {busy && <LinearProgress sx={{ mt: 1.5 }} aria-label={t('plan.working')} />}
        {plan?.error && (
          <Alert severity="error" sx={{ mt: 1.5 }}>
            {plan.error}
          </Alert>
        )}
        {task === 'revert' && plan && (
          <Alert severity="info" sx={{ mt: 1.5 }} data-testid="plan-revert-of">
            {t('plan.revertOf', { at: reverted ? formatDateTime(reverted.startedAt, locale) : (plan.revertOf ?? '') })}
          </Alert>
        )}
        {plan && plan.state === 'succeeded' && (
          <Box sx={{ mt: 1.5 }}>
            <Typography fontWeight={600} data-testid="plan-summary">
              {changes === 0 ? t('plan.nothing') : t('plan.summary', { n: changes })}
            </Typography>
            <CountsLine counts={plan.counts} />
          </Box>
        )}
      </Paper>

      {plan && plan.state === 'succeeded' && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Tabs value={table} onChange={(_, v: Table) => setTable(v)} variant="scrollable" sx={{ mb: 1.5 }}>
            {TABLES[task].map((key) => (
              <Tab key={key} value={key} label={`${t(`plan.table.${key}`)} (${counts[key]})`} />
            ))}
          </Tabs>
          {items === null ? (
            <LinearProgress />
          ) : (
            <PlanTable table={table} tables={tables} bilingual={task === 'revert'} />
          )}
        </Paper>
      )}
    </Stack>
  );
}

/** "active → inactive; why", or just the new value when the item has no old one. */
function details(r: RunItem, locale: Locale): string | null {
  const change = r.oldValue !== null ? `${r.oldValue} → ${r.newValue ?? '—'}` : r.newValue;
  return [change, sayExplain(r.explain, locale)].filter(Boolean).join('; ') || null;
}

function PlanTable({
  table,
  tables,
  bilingual,
}: {
  table: Table;
  tables: ReturnType<typeof planTables>;
  /** A revert's reasons come in both languages: show the user's. */
  bilingual: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  // Explanations are keys with numbers (said in the user's language); a revert's come in both languages.
  const say = (text: string | null) => sayExplain(bilingual ? localPart(text, locale) : text, locale);
  const kindOf = (kind: string) =>
    ['price', 'quantity', 'product', 'variant'].includes(kind) ? t(`plan.kind.${kind as 'price'}`) : kind;
  const good: Column<RunItem> = {
    key: 'good',
    label: t('plan.col.good'),
    width: '34%',
    render: (r) => <Cut text={splitRef(r.ref).name || r.ref} />,
  };
  const change = (r: RunItem) => `${r.oldValue ?? '—'} → ${r.newValue ?? '—'}`;
  const columns: Record<Table, Column<RunItem & { depth?: 0 | 1 }>[]> = {
    prices: [
      good,
      { key: 'change', label: t('plan.col.price'), width: '20%', render: change },
      { key: 'why', label: t('plan.col.why'), render: (r) => <Cut text={say(r.explain)} /> },
    ],
    quantities: [
      good,
      { key: 'change', label: t('plan.col.quantity'), width: '16%', render: change },
      { key: 'why', label: t('plan.col.why'), render: (r) => <Cut text={say(r.explain)} /> },
    ],
    catalog: [
      {
        key: 'what',
        label: t('plan.col.product'),
        width: '40%',
        render: (r) => (
          <Box component="span" sx={{ pl: r.depth ? 3 : 0, fontWeight: r.depth ? 400 : 600 }}>
            <Cut text={r.depth ? `↳ ${splitRef(r.ref).name}` : splitRef(r.ref).name || r.ref} />
          </Box>
        ),
      },
      { key: 'new', label: t('plan.col.variant'), render: (r) => <Cut text={r.newValue} /> },
    ],
    orders: [
      { key: 'order', label: t('plan.col.order'), width: 110, render: (r) => `#${r.ref}` },
      {
        key: 'action',
        label: t('plan.col.action'),
        width: 150,
        render: (r) => t(r.status === 'planned' ? 'plan.orderWrite' : 'plan.orderHold'),
      },
      {
        key: 'what',
        label: t('plan.col.details'),
        render: (r) => <Cut text={r.message ?? `${r.newValue ?? ''}; ${sayExplain(r.explain, locale) ?? ''}`} />,
      },
    ],
    other: [
      { key: 'kind', label: t('plan.col.kind'), width: 110, render: (r) => kindOf(r.kind) },
      { key: 'action', label: t('plan.col.action'), width: 120, render: (r) => r.action },
      { key: 'ref', label: t('plan.col.ref'), width: '35%', render: (r) => <Cut text={r.ref} /> },
      { key: 'what', label: t('plan.col.details'), render: (r) => <Cut text={say(r.message ?? details(r, locale))} /> },
    ],
    leftAlone: [
      good,
      { key: 'kind', label: t('plan.col.kind'), width: 110, render: (r) => kindOf(r.kind) },
      { key: 'now', label: t('plan.col.storeNow'), width: 120, render: (r) => r.oldValue ?? '—' },
      { key: 'sent', label: t('plan.col.runSent'), width: 150, render: (r) => r.newValue ?? '—' },
      { key: 'why', label: t('plan.col.why'), render: (r) => <Cut text={say(r.message)} /> },
    ],
  };
  return (
    <VirtualTable
      rows={tables[table]}
      columns={columns[table]}
      label={t(`plan.table.${table}`)}
      empty={t('plan.tableEmpty')}
      rowKey={(r, i) => `${i}-${r.ref}`}
    />
  );
}
