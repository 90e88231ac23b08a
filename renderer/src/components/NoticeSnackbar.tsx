import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { isMessageKey, useT } from '../i18n';
import { useNoticeStore } from '../stores/notice-store';

/** Confirmations and errors, bottom-left; errors stay until closed, confirmations fade. */
export function NoticeSnackbar() {
  const t = useT();
  const notice = useNoticeStore((s) => s.notice);
  const dismiss = useNoticeStore((s) => s.dismiss);
  if (!notice) return null;

  let text = notice.text;
  if (notice.severity === 'error' && !text) {
    const key = `error.${notice.code}`;
    text = isMessageKey(key) ? t(key) : t('error.internal');
  }
  return (
    <Snackbar
      key={notice.id}
      open
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      autoHideDuration={notice.severity === 'error' ? null : 5000}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') dismiss();
      }}
    >
      <Alert
        severity={notice.severity}
        variant="filled"
        onClose={dismiss}
        closeText={t('error.close')}
        sx={{ maxWidth: 560 }}
        role={notice.severity === 'error' ? 'alert' : 'status'}
      >
        {text}
      </Alert>
    </Snackbar>
  );
}
