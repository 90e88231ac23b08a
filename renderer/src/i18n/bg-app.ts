/** Bulgarian texts of the "About" dialog: the version, the updates and the support file. */
export const bgApp = {
  'about.open': 'За програмата, обновления и поддръжка',
  'about.title': 'За Sklad Sync',
  'about.version': 'Версия {version}',
  'about.close': 'Затвори',

  'updates.heading': 'Обновления',
  'updates.auto': 'Автоматични обновления',
  'updates.autoHelp':
    'Проверява при стартиране и веднъж дневно, изтегля във фонов режим и инсталира при изход от програмата, никога по време на синхронизация.',
  'updates.state.disabled': 'Автоматичните обновления са изключени.',
  'updates.state.idle': 'Още няма проверка за обновления.',
  'updates.state.checking': 'Проверка за обновления…',
  'updates.state.up-to-date': 'Това е последната версия.',
  'updates.state.downloading': 'Изтегляне на версия {version}…',
  'updates.state.ready': 'Обновление {version} е готово',
  'updates.state.installing': 'Инсталиране на версия {version}…',
  'updates.state.failed': 'Обновлението не успя.',
  'updates.readyHelp':
    'Инсталира се при изход от програмата. „Рестартирай сега“ го инсталира веднага: сървърите спират, след като текущата синхронизация завърши партидата си, и продължават след рестарта.',
  'updates.waitingRuns': 'Изчаква {n} текуща синхронизация да завърши партидата си…',
  'updates.unreachable': 'Сървърът за обновления не отговаря (няма връзка?). Ще бъде опитано отново по-късно.',
  'updates.lastChecked': 'Последна проверка: {when}',
  'updates.checkNow': 'Провери сега',
  'updates.restartNow': 'Рестартирай сега',
  'updates.notes': 'Какво ново във версия {version}',
  'updates.feed': 'Адрес за обновления',
  'updates.feedHelp': 'Оставете празно за адреса, вграден в програмата: {url}',
  'updates.feedNone': 'няма',
  'updates.feedSave': 'Запази адреса',
  'updates.feedSaved': 'Адресът за обновления е запазен.',
  'updates.unsupported.serve':
    'В браузъра програмата не се обновява сама: обновява се настолната програма. За да обновите това копие, инсталирайте новата версия на компютъра, на който работи.',
  'updates.unsupported.not-packaged': 'Това копие е стартирано от изходния код и не се обновява само.',
  'updates.badge': 'Обновление {version}',
  'updates.badgeAria': 'Обновление {version} е готово: покажи',

  'field.invalid_url': 'Въведете адрес, започващ с https:// (или http://).',

  'support.heading': 'Поддръжка',
  'support.help':
    'Един zip файл за поддръжката: дневниците, версиите на програмата и системата, настройките на сървърите без ключове и пароли, последните изпълнения и грешките им, списъкът за внимание и последният доклад от проверката на магазина.',
  'support.save': 'Запази файл за поддръжка',
  'support.saving': 'Събиране…',
  'support.saved': 'Файлът за поддръжка е запазен: {path}',
  'support.downloaded': 'Файлът за поддръжка {file} е изтеглен ({n} файла).',
} as const;
