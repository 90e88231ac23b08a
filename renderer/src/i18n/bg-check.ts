/** Bulgarian texts of the store compatibility check in the editor (B20). */
export const bgCheck = {
  'check.button': 'Провери съвместимостта',
  'check.help':
    'Проверява в магазина всичко, на което разчита синхронизацията, и показва ред по ред документираното и видяното. Само чете, освен ако е избрана пробата със запис.',
  'check.writeTest': 'С проба със запис',
  'check.writeWarning':
    'Пробата със запис създава в истинския магазин един неактивен продукт с един вариант, чете го, променя го и го изтрива (CloudCart изпраща уебкуката product.deleted). Клиентите не го виждат. Ако изтриването не успее, проверката казва кой продукт да изтриете на ръка.',
  'check.tableLabel': 'Резултат от проверката на магазина',
  'check.col.behaviour': 'Поведение',
  'check.col.documented': 'Документирано',
  'check.col.seen': 'Видяно',
  'check.col.ok': 'ОК',
  'check.ok.yes': 'да',
  'check.ok.no': 'не',
  'check.ok.null': 'не е проверено',
  'check.source': 'Източник: {source}',
  'check.meta': '{when}, {n} заявки към магазина',
  'check.report': 'Докладът е записан в {file}; следващите изпълнения на сървъра тръгват от видяното.',
  'check.leftBehind':
    'Пробният продукт #{id} „{name}“ остана в магазина: изтрийте го на ръка в CloudCart: Продукти (неактивен е).',
} as const;
