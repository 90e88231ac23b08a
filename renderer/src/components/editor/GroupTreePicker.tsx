import type { ReactElement } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { GroupNode } from '../../../../shared/types/reference';

/**
 * A group tree (Warehouse Pro's 3-character segment codes) with checkboxes. A checked group
 * includes everything under it, so its descendants show as checked and cannot be picked apart;
 * the count of what the selection covers is shown under the tree.
 */
export function GroupTreePicker({
  id,
  label,
  nodes,
  selected,
  onChange,
  summary,
}: {
  id: string;
  label: string;
  nodes: GroupNode[];
  selected: string[];
  onChange(codes: string[]): void;
  /** The line under the tree, given how many items the selection covers. */
  summary(covered: number): string;
}) {
  const chosen = new Set(selected);
  const all = flatten(nodes);
  const known = new Set(all.map((n) => n.code));
  const covered = all.filter((n) => chosen.has(n.code)).reduce((sum, n) => sum + n.count, 0);
  const stale = selected.filter((code) => !known.has(code));

  const toggle = (node: GroupNode, on: boolean) => {
    // Picking a group replaces any picks under it: the group already includes them.
    const rest = selected.filter((code) => code !== node.code && !code.startsWith(node.code));
    onChange(on ? [...rest, node.code] : rest);
  };

  const render = (list: GroupNode[], depth: number, inherited: boolean): ReactElement[] =>
    list.flatMap((node) => {
      const checked = inherited || chosen.has(node.code);
      return [
        <Box key={node.code} sx={{ pl: depth * 2.5 }}>
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={checked}
                disabled={inherited}
                onChange={(e) => toggle(node, e.target.checked)}
                slotProps={{ input: { 'aria-label': `${node.name} (${node.code})` } }}
              />
            }
            label={
              <span>
                {node.name}{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  {node.code} · {node.count}
                </Typography>
              </span>
            }
          />
        </Box>,
        ...render(node.children, depth + 1, checked),
      ];
    });

  return (
    <Box role="group" aria-labelledby={`${id}-label`} id={id}>
      <Typography id={`${id}-label`} variant="body2" fontWeight={600} sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box sx={{ maxHeight: 220, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, px: 1 }}>
        {nodes.length === 0 ? <Typography color="text.secondary">—</Typography> : render(nodes, 0, false)}
      </Box>
      <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 0.5 }} flexWrap="wrap" useFlexGap>
        <Typography variant="body2" color="text.secondary" data-testid={`${id}-summary`}>
          {summary(covered)}
        </Typography>
        {stale.map((code) => (
          <Chip
            key={code}
            size="small"
            color="warning"
            label={code}
            onDelete={() => onChange(selected.filter((c) => c !== code))}
          />
        ))}
      </Stack>
    </Box>
  );
}

function flatten(nodes: GroupNode[]): GroupNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
