import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AttentionItem, TaskKind } from '../../../../shared/types/sync';
import { api, toApiError, type ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { isMessageKey, useLocale, useT } from '../../i18n';
import { startRun } from '../../stores/start-run';
import { useStatusStore } from '../../stores/status-store';

/** Which task clears an item once its cause is fixed: orders re-import, goods re-export. */
function fixTask(item: AttentionItem): TaskKind {
  if (item.kind === 'order' || item.kind === 'order_doc') return 'import';
  if (item.kind === 'download_ambiguous') return 'download-goods';
  return 'export';
}

/** "Needs attention": each item says what is wrong, what fixes it, and runs the task that picks it up. */
export function AttentionTab({ serverId }: { serverId: string }) {
  const t = useT();
  const locale = useLocale();
  const finished = useStatusStore((s) => s.finishedCount[serverId] ?? 0);
  const [items, setItems] = useState<AttentionItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api.attentionList({ serverId }).then(
      (list) => live && setItems(list),
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [serverId, finished]);

  const retry = (task: TaskKind) => startRun({ serverId, task, dryRun: false, fullCompare: false });
  // A possible match: the user's answer is saved, then the export does what they chose.
  const decide = async (item: AttentionItem, decision: 'link' | 'create') => {
    try {
      await api.attentionDecide({ serverId, kind: 'possible_match', ref: item.ref, decision });
      setItems((list) => list?.filter((i) => i !== item) ?? null);
      await retry('export');
    } catch (err) {
      setError(toApiError(err));
    }
  };

  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!items) return <LinearProgress />;
  if (items.length === 0) return <Alert severity="success">{t('attention.none')}</Alert>;
  return (
    <Stack spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('attention.title')}>
      {items.map((item) => {
        const reasonKey = `reason.${item.reason}`;
        const fixKey = `fix.${item.reason}`;
        const kindKey = `attentionKind.${item.kind}`;
        const task = fixTask(item);
        return (
          <Paper
            component="li"
            variant="outlined"
            key={`${item.kind}-${item.ref}`}
            sx={{ p: 2 }}
            data-attention={item.kind}
          >
            <Stack direction="row" spacing={2} alignItems="flex-start">
              <Stack sx={{ flex: 1, minWidth: 0 }} spacing={0.5}>
                <Typography fontWeight={600}>
                  {isMessageKey(kindKey) ? t(kindKey) : item.kind} {attentionRef(item)}
                  {' — '}
                  {isMessageKey(reasonKey) ? t(reasonKey) : item.reason}
                </Typography>
                <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {item.detail}
                </Typography>
                <Typography variant="body2" color="primary.dark">
                  {isMessageKey(fixKey) ? t(fixKey) : t('fix.generic')}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {t('attention.seen', {
                    first: formatDateTime(item.firstSeen, locale),
                    last: formatDateTime(item.lastSeen, locale),
                  })}
                </Typography>
              </Stack>
              {item.kind === 'possible_match' ? (
                <Stack spacing={1} sx={{ flexShrink: 0 }}>
                  <Button variant="contained" size="small" onClick={() => void decide(item, 'link')}>
                    {t('attention.match.link')}
                  </Button>
                  <Button variant="outlined" size="small" onClick={() => void decide(item, 'create')}>
                    {t('attention.match.create')}
                  </Button>
                </Stack>
              ) : (
                <Button variant="outlined" size="small" onClick={() => void retry(task)}>
                  {t(`attention.retry.${task}`)}
                </Button>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** What names the item in its heading: an order's number; not a good's database id (the detail names the good). */
function attentionRef(item: AttentionItem): string {
  if (item.kind === 'order') return `#${item.ref}`;
  if (item.kind === 'empty_key') return '';
  return item.ref;
}
