import { useState } from 'react';
import Button from '@mui/material/Button';
import SupportIcon from '@mui/icons-material/SupportAgent';
import { api, toApiError } from '../../api';
import { useT } from '../../i18n';
import { useNoticeStore } from '../../stores/notice-store';

/**
 * "Запази файл за поддръжка": in the desktop app the shell asks where and writes the zip; in the
 * browser (serve mode) the zip comes back in the answer and is offered as a download.
 */
export function SupportFileButton() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const result = await api.supportSaveFile({});
      if (result.delivery === 'saved') {
        useNoticeStore.getState().showSuccess(t('support.saved', { path: result.path }));
      } else if (result.delivery === 'download') {
        const bytes = Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
        const link = Object.assign(document.createElement('a'), { href: url, download: result.filename });
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        useNoticeStore
          .getState()
          .showSuccess(t('support.downloaded', { file: result.filename, n: result.files.length }));
      }
    } catch (err) {
      useNoticeStore.getState().showError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" startIcon={<SupportIcon />} onClick={() => void save()} disabled={busy}>
      {busy ? t('support.saving') : t('support.save')}
    </Button>
  );
}
