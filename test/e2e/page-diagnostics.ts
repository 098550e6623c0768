import type { BrowserContext, Page, TestInfo } from '@playwright/test'

/** How long a page may take to describe itself: a frozen page says so instead of hanging. */
const DESCRIBE_TIMEOUT_MS = 3_000

/**
 * What the browser said while a test ran (uncaught errors, console errors, crashes), kept so
 * that a failure on CI, where only the reporter's text is seen, shows what the page showed.
 */
export class PageDiagnostics {
  private readonly lines: string[] = []
  private readonly pages: Page[] = []

  watch(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page)
    context.on('page', (page) => this.watchPage(page))
  }

  private watchPage(page: Page): void {
    const name = () => `page ${this.pages.indexOf(page) + 1} (${page.url().split('?')[0]})`
    this.pages.push(page)
    const at = () => new Date().toISOString().slice(11, 23)
    page.on('pageerror', (error) =>
      this.lines.push(`${at()} ${name()} uncaught: ${error.stack ?? error.message}`),
    )
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        this.lines.push(`${at()} ${name()} console.${message.type()}: ${message.text()}`)
      }
    })
    page.on('crash', () => this.lines.push(`${at()} ${name()} crashed`))
    page.on('requestfailed', (request) =>
      this.lines.push(
        `${at()} ${name()} request failed: ${request.url().split('?')[0]} ${request.failure()?.errorText ?? ''}`,
      ),
    )
    page.on('load', () => this.lines.push(`${at()} ${name()} loaded`))
  }

  /** On a failed test: what each page logged, and what each open page shows now. */
  async attachIfFailed(testInfo: TestInfo): Promise<void> {
    if (testInfo.status === testInfo.expectedStatus) return
    const shown = await Promise.all(
      this.pages
        .filter((page) => !page.isClosed())
        .map(async (page, index) => `page ${index + 1} now shows:\n${await describe(page)}`),
    )
    const body = [...this.lines, ...shown].join('\n') || 'nothing logged'
    printForFailure(testInfo, 'browser diagnostics', body)
  }
}

/**
 * Printed, not only attached: the reporter shows 300 characters of an attachment, and on CI
 * its text is all there is.
 */
export function printForFailure(testInfo: TestInfo, what: string, body: string): void {
  const title = `${what}: ${testInfo.titlePath.slice(1).join(' › ')}`
  console.log(`\n──── ${title} ────\n${body}\n──── end of ${what} ────`)
}

async function describe(page: Page): Promise<string> {
  try {
    return await page.locator('body').ariaSnapshot({ timeout: DESCRIBE_TIMEOUT_MS })
  } catch (error) {
    return `(no answer within ${DESCRIBE_TIMEOUT_MS} ms: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`
  }
}
