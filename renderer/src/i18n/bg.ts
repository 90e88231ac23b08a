/**
 * Bulgarian, the default language. The seed's terms are the labels users know from Utility
 * Center (Сървър, Тип на сървъра, API Идентификатор, Ключ, Нов сървър, Редакция, Старт): keep them.
 * Keys are flat and dotted; `{name}` placeholders are filled by `t(key, { name })`.
 */
import { bgSync } from './bg-sync';
import { bgVocabulary } from './bg-vocabulary';
import { bgApp } from './bg-app';
import { bgCheck } from './bg-check';
import { bgMapping } from './bg-mapping';
import { bgReconcile } from './bg-reconcile';

export const bg = {
  ...bgSync,
  ...bgVocabulary,
  ...bgApp,
  ...bgCheck,
  ...bgMapping,
  ...bgReconcile,
  'app.title': 'Sklad Sync',
  'app.subtitle': 'Склад Pro ⇄ CloudCart',
  'app.language': 'Език',
  'app.loading': 'Зареждане…',

  'servers.heading': 'Сървъри',
  'servers.intro': 'Всеки сървър свързва една база данни на Склад Pro с един онлайн магазин в CloudCart.',
  'servers.new': 'Нов сървър',
  'servers.edit': 'Редакция',
  'servers.rename': 'Преименуване',
  'servers.delete': 'Изтриване',
  'servers.start': 'Старт',
  'servers.actionsFor': 'Действия за „{name}“',
  'servers.editAria': 'Редакция на „{name}“',
  'servers.renameAria': 'Преименуване на „{name}“',
  'servers.deleteAria': 'Изтриване на „{name}“',
  'servers.tableLabel': 'Списък на сървърите',
  'servers.col.name': 'Сървър',
  'servers.col.type': 'Тип на сървъра',
  'servers.col.domain': 'API Идентификатор',
  'servers.col.database': 'База данни',
  'servers.col.key': 'Ключ',
  'servers.col.actions': 'Действия',
  'servers.noDomain': 'не е въведен',
  'servers.empty.title': 'Все още няма сървъри',
  'servers.empty.body':
    'Създайте първия сървър: изберете базата данни на Склад Pro и въведете API Идентификатор и Ключ на магазина.',
  'servers.loadFailed': 'Списъкът със сървъри не може да бъде зареден.',
  'servers.retry': 'Опитай отново',
  'servers.saved': 'Сървърът „{name}“ е записан.',
  'servers.renamed': 'Сървърът е преименуван на „{name}“.',
  'servers.deleted': 'Сървърът „{name}“ е изтрит.',

  'secret.set': 'зададен',
  'secret.unset': 'не е зададен',
  'secret.replace': 'Замени',
  'secret.clear': 'Изчисти',
  'secret.cancel': 'Запази стария',
  'secret.willClear': 'ще бъде изтрит при запис',
  'secret.undoClear': 'Отмени',
  'secret.show': 'Покажи',
  'secret.hide': 'Скрий',
  'secret.newValue': 'Нова стойност',
  'secret.keptHint': 'Записаната стойност не се показва. Натиснете „Замени“, за да въведете нова.',
  'secret.retypeStore':
    'Адресът на магазина се промени: въведете API ключа отново. Запазеният ключ се изпраща само на магазина, за който е запазен ({saved}).',
  'secret.retypeDatabase':
    'Връзката с базата данни се промени: въведете паролата отново или премахнете запазената, ако новата база няма парола. Запазената парола се изпраща само там, за където е запазена ({saved}).',
  'secret.removeSaved': 'Премахни запазената',

  'editor.titleNew': 'Нов сървър',
  'editor.titleEdit': 'Редакция: {name}',
  'editor.section.server': 'Сървър',
  'editor.section.store': 'Онлайн магазин CloudCart',
  'editor.section.database': 'База данни на Склад Pro',
  'editor.name': 'Име на сървъра',
  'editor.nameHelp': 'Както ще го виждате в списъка, напр. „Магазин София“.',
  'editor.type': 'Тип на сървъра',
  'editor.domain': 'API Идентификатор',
  'editor.domainHelp': 'Основният домейн на магазина, напр. shop.example.bg.',
  'editor.apiKey': 'Ключ',
  'editor.apiKeyHelp': 'API ключът от CloudCart: Настройки > API ключове.',
  'editor.dbKind': 'Вид на базата данни',
  'editor.host': 'Сървър на базата (хост)',
  'editor.port': 'Порт',
  'editor.portHelp': 'По подразбиране: {port}',
  'editor.database': 'Име на базата данни',
  'editor.user': 'Потребител',
  'editor.dbPassword': 'Парола',
  'editor.instance': 'Инстанция на SQL Server',
  'editor.instanceHelp': 'Напр. SQLEXPRESS; празно за инстанцията по подразбиране.',
  'editor.accessFile': 'Файл на базата (.mdb / .accdb)',
  'editor.accessFileHelp': 'Пълният път до файла, напр. C:\\Microinvest\\Warehouse Pro\\Warehouse.mdb.',
  'editor.accessPassword': 'Парола на базата',
  'editor.sqliteFile': 'Файл на демо базата (SQLite)',
  'editor.sqliteFileHelp': 'Пълният път до файла на демо базата.',
  'editor.save': 'Запази',
  'editor.cancel': 'Отказ',
  'editor.saving': 'Записване…',
  'editor.fixErrors': 'Поправете отбелязаните полета.',

  'dbKind.mysql': 'MySQL',
  'dbKind.mssql': 'MS SQL Server',
  'dbKind.access': 'MS Access',
  'dbKind.sqlite': 'SQLite (демо)',

  'rename.title': 'Преименуване на сървър',
  'rename.name': 'Ново име',
  'rename.save': 'Преименувай',

  'delete.title': 'Изтриване на сървър',
  'delete.body': 'Да бъде ли изтрит сървърът „{name}“ с неговите настройки и ключове? Това не може да бъде отменено.',
  'delete.confirm': 'Изтрий',
  'delete.cancel': 'Отказ',

  'field.required': 'Задължително поле.',
  'field.invalid_domain': 'Въведете домейн като shop.example.bg (без път).',
  'field.duplicate': 'Вече има сървър с това име.',
  'field.invalid_number': 'Въведете цяло число.',
  'field.invalid_port': 'Портът е число от 1 до 65535.',
  'field.too_long': 'Текстът е твърде дълъг.',
  'field.invalid': 'Невалидна стойност.',
  'field.retype': 'Въведете я отново: адресът се промени след запазването.',
  'field.unknown_field': 'Непознато поле.',

  'error.unavailable': 'Няма връзка с програмата. Проверете дали работи и опитайте отново.',
  'error.internal': 'Неочаквана грешка. Опитайте отново.',
  'error.close': 'Затвори',
} as const;

export type MessageKey = keyof typeof bg;
export type Dictionary = Record<MessageKey, string>;
