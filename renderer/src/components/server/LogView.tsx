import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { LogLine } from '../../../../shared/types/sync';
import { useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { useStatusStore } from '../../stores/status-store';

const EMPTY: LogLine[] = [];
const COLORS = { info: 'text.primary', warn: 'warning.dark', error: 'error.main' } as const;

/** The live log of a server's runs since the window opened: filter by level and text, copy. */
export function LogView({ serverId }: { serverId: string }) {
  const t = useT();
  const lines = useStatusStore((s) => s.logs[serverId] ?? EMPTY);
  const [level, setLevel] = useState<'all' | 'warn' | 'error'>('all');
  useEffect(() => {
    void useStatusStore
      .getState()
      .loadLog(serverId)
      .catch(() => undefined);
  }, [serverId]);
  const [text, setText] = useState('');
  /** A phase or end line in words, from what the line means; any other line as the engine wrote it. */
  const readable = (line: LogLine) => {
    const event = line.event;
    if (event?.key === 'phase') {
      const name = t(`phase.${event.phase}`);
      return event.total > 0 ? `${name}: ${event.total}` : name;
    }
    if (event?.key === 'end') return t(`phase.end.${event.state}`);
    return line.message;
  };
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return lines.filter(
      (l) =>
        (level === 'all' || l.level === 'error' || (level === 'warn' && l.level === 'warn')) &&
        (!needle || `${l.message} ${readable(l)}`.toLowerCase().includes(needle)),
    );
    // `readable` depends only on the language, which `t` follows.
  }, [lines, level, text, t]);

  const copy = async () => {
    const body = shown
      .map((l) => `${l.at} ${l.level.toUpperCase()} ${l.task ? `[${t(`task.${l.task}`)}] ` : ''}${readable(l)}`)
      .join('\n');
    try {
      await navigator.clipboard.writeText(body);
      useNoticeStore.getState().showSuccess(t('log.copied', { n: shown.length }));
    } catch {
      useNoticeStore.getState().showSuccess(t('log.copyFailed'));
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mb: 1.5 }} flexWrap="wrap" useFlexGap>
        <Typography fontWeight={600} sx={{ flex: 1 }} component="h3">
          {t('log.title')}
        </Typography>
        <TextField
          select
          id="log-level"
          label={t('log.level')}
          value={level}
          onChange={(e) => setLevel(e.target.value as typeof level)}
          sx={{ width: 170 }}
        >
          <MenuItem value="all">{t('log.all')}</MenuItem>
          <MenuItem value="warn">{t('log.warnings')}</MenuItem>
          <MenuItem value="error">{t('log.errors')}</MenuItem>
        </TextField>
        <TextField
          id="log-filter"
          label={t('log.filter')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ width: 220 }}
        />
        <Button startIcon={<ContentCopyIcon />} onClick={() => void copy()} disabled={shown.length === 0}>
          {t('log.copy')}
        </Button>
      </Stack>
      <Box
        role="log"
        aria-live="polite"
        sx={{
          height: 220,
          overflow: 'auto',
          fontFamily: 'ui-monospace, "Cascadia Mono", Consolas, monospace',
          fontSize: 12.5,
          bgcolor: 'grey.50',
          borderRadius: 1,
          p: 1,
        }}
      >
        {shown.length === 0 && <Typography color="text.secondary">{t('log.empty')}</Typography>}
        {shown.slice(-500).map((l, i) => (
          <Box key={`${l.at}-${i}`} sx={{ color: COLORS[l.level], whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {new Date(l.at).toLocaleTimeString('bg-BG')} {l.task ? `[${t(`task.${l.task}`)}] ` : ''}
            {readable(l)}
          </Box>
        ))}
      </Box>
    </Paper>
  );
}
