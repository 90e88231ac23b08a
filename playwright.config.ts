/**
 * End-to-end tests: the built UI in Debian's Chromium against a real `sklad-sync serve` host (see
 * e2e/fixtures.ts). Build first (`npm run test:e2e` does). Playwright's own browsers cannot be
 * downloaded here, so Chromium comes from CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Every test starts its own host with its own data folder, so tests may run side by side.
  workers: 2,
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'bg-BG',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
