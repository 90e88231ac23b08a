import Typography from '@mui/material/Typography';
import type { RunCounts } from '../../../../shared/types/sync';
import { isMessageKey, useT } from '../../i18n';

/** A run's counters in words: "Цени: 12 · Количества: 40 · Нови продукти: 3". Zeros are left out. */
export function CountsLine({ counts }: { counts: RunCounts }) {
  const t = useT();
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const key = `count.${kind}`;
      return `${isMessageKey(key) ? t(key) : kind}: ${n}`;
    });
  if (parts.length === 0) return null;
  return (
    <Typography variant="body2" color="text.secondary" component="span">
      {parts.join(' · ')}
    </Typography>
  );
}
