import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import RestartIcon from '@mui/icons-material/RestartAlt';
import type { UpdateStatus } from '../../../../shared/types/updates';
import { FeedUrlSchema } from '../../../../shared/types/updates';
import { formatDateTime } from '../../format';
import { fieldErrorText, useLocale, useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';
import { useUpdatesStore } from '../../stores/updates-store';

/** The updates part of the About dialog: what was found, "update ready" with its notes, the settings. */
export function UpdatesPanel({ status }: { status: UpdateStatus }) {
  const t = useT();
  const locale = useLocale();
  const { configure, check, restart } = useUpdatesStore();
  if (!status.supported) {
    return <Alert severity="info">{t(`updates.unsupported.${status.unsupportedReason ?? 'serve'}`)}</Alert>;
  }
  const version = status.availableVersion ?? '';
  const busy = status.state === 'checking' || status.state === 'downloading' || status.state === 'installing';
  return (
    <Stack spacing={2}>
      <StateLine status={status} />
      {status.releaseNotes &&
        (status.state === 'ready' || status.state === 'downloading' || status.state === 'installing') && (
          <Box>
            <Typography variant="subtitle2" component="h4" gutterBottom>
              {t('updates.notes', { version })}
            </Typography>
            <Paper variant="outlined" sx={{ p: 1.5, maxHeight: 180, overflow: 'auto', bgcolor: 'grey.50' }}>
              {/* Plain text, never HTML: the notes come from a file on the feed. */}
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="release-notes">
                {status.releaseNotes}
              </Typography>
            </Paper>
          </Box>
        )}
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
        {status.state === 'ready' && (
          <Button variant="contained" startIcon={<RestartIcon />} onClick={() => void restart()}>
            {t('updates.restartNow')}
          </Button>
        )}
        <Button variant="outlined" onClick={() => void check()} disabled={!status.enabled || busy}>
          {t('updates.checkNow')}
        </Button>
        {status.lastCheckedAt && (
          <Typography variant="body2" color="text.secondary">
            {t('updates.lastChecked', { when: formatDateTime(status.lastCheckedAt, locale) })}
          </Typography>
        )}
      </Stack>
      {status.unreachable && status.state !== 'failed' && (
        <Typography variant="body2" color="text.secondary">
          {t('updates.unreachable')}
        </Typography>
      )}
      <Box>
        <FormControlLabel
          control={<Switch checked={status.enabled} onChange={(_e, enabled) => void configure({ enabled })} />}
          label={t('updates.auto')}
        />
        <Typography variant="body2" color="text.secondary">
          {t('updates.autoHelp')}
        </Typography>
      </Box>
      <FeedField status={status} />
    </Stack>
  );
}

function StateLine({ status }: { status: UpdateStatus }) {
  const t = useT();
  const version = status.availableVersion ?? '';
  switch (status.state) {
    case 'ready':
      return (
        <Alert severity="success" role="status">
          <AlertTitle>{t('updates.state.ready', { version })}</AlertTitle>
          {t('updates.readyHelp')}
        </Alert>
      );
    case 'installing':
      return (
        <Alert severity="info" role="status">
          <AlertTitle>{t('updates.state.installing', { version })}</AlertTitle>
          {status.runsInFlight > 0 && t('updates.waitingRuns', { n: status.runsInFlight })}
        </Alert>
      );
    case 'downloading':
      return (
        <Box role="status">
          <Typography variant="body2" gutterBottom>
            {t('updates.state.downloading', { version })} {status.percent !== null ? `${status.percent}%` : ''}
          </Typography>
          <LinearProgress
            variant={status.percent === null ? 'indeterminate' : 'determinate'}
            value={status.percent ?? 0}
          />
        </Box>
      );
    case 'failed':
      return (
        <Alert severity="warning" role="status">
          <AlertTitle>{t('updates.state.failed')}</AlertTitle>
          {status.message}
        </Alert>
      );
    default:
      return (
        <Typography variant="body2" role="status">
          {t(`updates.state.${status.state}`)}
        </Typography>
      );
  }
}

function FeedField({ status }: { status: UpdateStatus }) {
  const t = useT();
  const configure = useUpdatesStore((s) => s.configure);
  const [value, setValue] = useState(status.feedUrlOverride ?? '');
  useEffect(() => setValue(status.feedUrlOverride ?? ''), [status.feedUrlOverride]);
  const trimmed = value.trim();
  const parsed = trimmed === '' ? null : FeedUrlSchema.safeParse(trimmed);
  const error = parsed && !parsed.success ? fieldErrorText(t, parsed.error.issues[0]?.message) : undefined;
  const builtIn = status.builtInFeedUrl;
  const save = async () => {
    if (await configure({ feedUrl: trimmed === '' ? null : trimmed })) {
      useNoticeStore.getState().showSuccess(t('updates.feedSaved'));
    }
  };
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start">
      <TextField
        size="small"
        fullWidth
        label={t('updates.feed')}
        value={value}
        placeholder={builtIn ?? 'https://'}
        onChange={(e) => setValue(e.target.value)}
        error={Boolean(error)}
        helperText={error ?? t('updates.feedHelp', { url: builtIn ?? t('updates.feedNone') })}
      />
      <Button
        variant="outlined"
        onClick={() => void save()}
        disabled={Boolean(error) || trimmed === (status.feedUrlOverride ?? '')}
        sx={{ flexShrink: 0, mt: 0.25 }}
      >
        {t('updates.feedSave')}
      </Button>
    </Stack>
  );
}
