/** English texts of the store compatibility check in the editor (B20). */
import type { bgCheck } from './bg-check';

export const enCheck: Record<keyof typeof bgCheck, string> = {
  'check.button': 'Check compatibility',
  'check.help':
    'Checks the store for everything the sync relies on and shows, line by line, what is documented and what was seen. Read-only, unless the write test is chosen.',
  'check.writeTest': 'With a write test',
  'check.writeWarning':
    'The write test creates one inactive product with one variant in the live store, reads it back, changes it and deletes it (CloudCart sends its product.deleted webhook). Customers do not see it. If the delete fails, the check names the product to delete by hand.',
  'check.tableLabel': 'Result of the store check',
  'check.col.behaviour': 'Behaviour',
  'check.col.documented': 'Documented',
  'check.col.seen': 'Seen',
  'check.col.ok': 'OK',
  'check.ok.yes': 'yes',
  'check.ok.no': 'no',
  'check.ok.null': 'not checked',
  'check.source': 'Source: {source}',
  'check.meta': '{when}, {n} requests to the store',
  'check.report': "The report is saved in {file}; the server's next runs start from what was seen.",
  'check.leftBehind':
    'The test product #{id} "{name}" is left in the store: delete it by hand in CloudCart: Products (it is inactive).',
};
