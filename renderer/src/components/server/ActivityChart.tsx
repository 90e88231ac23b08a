import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { RunSummary } from '../../../../shared/types/sync';
import { useT } from '../../i18n';

const DAYS = 14;
const PUSHED = ['prices', 'quantities', 'variantsCreated'];

/** Items pushed to the store and orders imported, per day, for the last two weeks. Real runs only. */
export function dailyTotals(runs: RunSummary[], today = new Date()): { day: string; pushed: number; orders: number }[] {
  const days = new Map<string, { pushed: number; orders: number }>();
  for (let i = DAYS - 1; i >= 0; i--) {
    const d = new Date(today);
    d.setDate(d.getDate() - i);
    days.set(localDay(d), { pushed: 0, orders: 0 });
  }
  for (const run of runs) {
    if (run.dryRun) continue;
    const entry = days.get(localDay(new Date(run.startedAt)));
    if (!entry) continue;
    entry.pushed += PUSHED.reduce((n, k) => n + (run.counts[k] ?? 0), 0);
    entry.orders += run.counts.ordersImported ?? 0;
  }
  return [...days.entries()].map(([day, v]) => ({ day, ...v }));
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ActivityChart({ runs }: { runs: RunSummary[] }) {
  const t = useT();
  const theme = useTheme();
  const data = dailyTotals(runs);
  const maxPushed = Math.max(1, ...data.map((d) => d.pushed));
  const maxOrders = Math.max(1, ...data.map((d) => d.orders));
  const width = 560;
  const height = 110;
  const slot = width / data.length;
  const bar = (slot - 6) / 2;
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 0.5 }}>
        <Legend color={theme.palette.primary.main} text={t('history.chartPushed')} />
        <Legend color={theme.palette.secondary.main} text={t('history.chartOrders')} />
      </Stack>
      <svg
        viewBox={`0 0 ${width} ${height + 16}`}
        width="100%"
        style={{ maxWidth: width, display: 'block' }}
        role="img"
        aria-label={t('history.chartLabel')}
      >
        {data.map((d, i) => {
          const x = i * slot + 3;
          const hp = (d.pushed / maxPushed) * height;
          const ho = (d.orders / maxOrders) * height;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${t('history.chartPushed')} ${d.pushed}, ${t('history.chartOrders')} ${d.orders}`}</title>
              <rect x={x} y={height - hp} width={bar} height={hp} fill={theme.palette.primary.main} rx={2} />
              <rect x={x + bar} y={height - ho} width={bar} height={ho} fill={theme.palette.secondary.main} rx={2} />
              {i % 2 === 0 && (
                <text x={x + bar} y={height + 12} fontSize={9} textAnchor="middle" fill={theme.palette.text.secondary}>
                  {d.day.slice(8)}.{d.day.slice(5, 7)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Box>
  );
}

function Legend({ color, text }: { color: string; text: string }) {
  return (
    <Stack direction="row" spacing={0.75} alignItems="center">
      <Box sx={{ width: 10, height: 10, bgcolor: color, borderRadius: 0.5 }} />
      <Typography variant="caption">{text}</Typography>
    </Stack>
  );
}
