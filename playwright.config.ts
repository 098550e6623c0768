import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, requireChromium } from './test/support/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Two cores: each test runs a browser shell, bash and Chromium.
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  forbidOnly: !!process.env.CI,
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser-shell',
      testDir: 'test/e2e/browser',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: requireChromium(), args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testDir: 'test/e2e/electron',
    },
  ],
})
