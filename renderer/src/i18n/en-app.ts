/** English texts of the "About" dialog: the version, the updates and the support file. */
import type { bgApp } from './bg-app';

export const enApp: Record<keyof typeof bgApp, string> = {
  'about.open': 'About, updates and support',
  'about.title': 'About Sklad Sync',
  'about.version': 'Version {version}',
  'about.close': 'Close',

  'updates.heading': 'Updates',
  'updates.auto': 'Automatic updates',
  'updates.autoHelp':
    'Checks at start and once a day, downloads in the background and installs when the program quits, never during a sync.',
  'updates.state.disabled': 'Automatic updates are off.',
  'updates.state.idle': 'Not checked for updates yet.',
  'updates.state.checking': 'Checking for updates…',
  'updates.state.up-to-date': 'This is the latest version.',
  'updates.state.downloading': 'Downloading version {version}…',
  'updates.state.ready': 'Update {version} is ready',
  'updates.state.installing': 'Installing version {version}…',
  'updates.state.failed': 'The update failed.',
  'updates.readyHelp':
    'It installs when the program quits. "Restart now" installs it at once: the servers stop after the current sync finishes its batch, and go on after the restart.',
  'updates.waitingRuns': 'Waiting for {n} running sync to finish its batch…',
  'updates.unreachable': 'The update server does not answer (offline?). It is tried again later.',
  'updates.lastChecked': 'Last check: {when}',
  'updates.checkNow': 'Check now',
  'updates.restartNow': 'Restart now',
  'updates.notes': "What's new in version {version}",
  'updates.feed': 'Update feed address',
  'updates.feedHelp': 'Leave empty for the address built into the program: {url}',
  'updates.feedNone': 'none',
  'updates.feedSave': 'Save the address',
  'updates.feedSaved': 'The update feed address was saved.',
  'updates.unsupported.serve':
    'In the browser the program does not update itself: the desktop app does. To update this copy, install the new version on the computer it runs on.',
  'updates.unsupported.not-packaged': 'This copy runs from source and does not update itself.',
  'updates.badge': 'Update {version}',
  'updates.badgeAria': 'Update {version} is ready: show',

  'field.invalid_url': 'Enter an address starting with https:// (or http://).',

  'support.heading': 'Support',
  'support.help':
    'One zip file for support: the logs, the program and OS versions, each server’s settings without keys or passwords, the latest runs and their errors, the attention list and the latest store check report.',
  'support.save': 'Save a support file',
  'support.saving': 'Collecting…',
  'support.saved': 'The support file was saved: {path}',
  'support.downloaded': 'The support file {file} was downloaded ({n} files).',
};
