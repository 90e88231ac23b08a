import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { MappingRow } from '../../../../shared/types/mapping';
import { useT } from '../../i18n';
import { goodTitle, rowText, variantTitle } from './mapping-filter';

const SHOWN = 50;

/** Link a good to a store variant found by search (among the newest read of the store). */
export function MappingLinkDialog({
  good,
  rows,
  onChoose,
  onClose,
}: {
  good: MappingRow;
  rows: MappingRow[];
  onChoose(variantId: string): void;
  onClose(): void;
}) {
  const t = useT();
  const [text, setText] = useState(good.goodBarcode || good.goodSku || '');
  const variants = useMemo(() => rows.filter((r) => r.variantId && !r.problems.includes('variant_gone')), [rows]);
  const found = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return variants.filter((r) => !needle || rowText(r).includes(needle)).slice(0, SHOWN);
  }, [variants, text]);

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="link-title">
      <DialogTitle id="link-title">{t('link.title', { good: goodTitle(good) })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('link.intro')}
        </Typography>
        <TextField
          autoFocus
          fullWidth
          size="small"
          label={t('link.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {found.length === 0 ? (
          <Typography color="text.secondary" sx={{ py: 2 }}>
            {t('link.none')}
          </Typography>
        ) : (
          <List dense aria-label={t('link.results')} sx={{ maxHeight: 360, overflow: 'auto' }}>
            {found.map((r) => {
              const taken = r.linked && r.goodId !== good.goodId;
              return (
                <ListItemButton key={r.variantId} disabled={taken} onClick={() => onChoose(r.variantId!)}>
                  <ListItemText
                    primary={variantTitle(r)}
                    secondary={[
                      r.storeSku && `SKU ${r.storeSku}`,
                      r.storeBarcode && `EAN ${r.storeBarcode}`,
                      taken ? t('link.taken', { good: goodTitle(r) }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </ListItemButton>
              );
            })}
          </List>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('link.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
}
