// The editor in headless Chromium (Debian's, through playwright-core: no browser download), for
// the docs capture (capture.ts) and any test that drives the editor: launching it, a page set up
// like a first visit, signing in, opening a workflow and a node, and waiting for elements in a way
// that records which selector was found (so a changed editor is told from a slow one).
import { existsSync } from 'node:fs';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';

/** Flags for Chromium here: no sandbox as root, and no background calls out of a closed network. */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	'--hide-scrollbars',
	'--font-render-hinting=none',
];

export function chromiumPath(): string {
	const candidates = [
		process.env.CHROMIUM_PATH,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome',
	].filter(Boolean) as string[];
	const found = candidates.find((p) => existsSync(p));
	if (!found)
		throw new Error(
			`no Chromium found (tried ${candidates.join(', ')}): run scripts/install-chromium.sh or set CHROMIUM_PATH`,
		);
	return found;
}

export const VIEWPORT = { width: 1280, height: 800 };
export const TIMEOUT = 60_000;

/** Headless Chromium with CHROMIUM_FLAGS; close it when done. */
export async function launchBrowser(): Promise<Browser> {
	return await chromium.launch({
		executablePath: chromiumPath(),
		args: CHROMIUM_FLAGS,
		headless: true,
	});
}

export async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		colorScheme: 'light',
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	// tours, hints and the "what's new" panel are kept closed: they would cover what we show
	await context.addInitScript(() => {
		try {
			localStorage.setItem('N8N_HIDE_HINTS', 'true');
		} catch {
			// storage not available yet
		}
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	return page;
}

/** Waits for the first of `selectors` to be visible; returns it (so the check can report it). */
export async function need(
	page: Page,
	what: string,
	...selectors: string[]
): Promise<{ selector: string; locator: Locator }> {
	const deadline = Date.now() + TIMEOUT;
	while (Date.now() < deadline) {
		for (const selector of selectors) {
			const locator = page.locator(selector).first();
			if (await locator.isVisible().catch(() => false)) return { selector, locator };
		}
		await page.waitForTimeout(250);
	}
	throw new Error(
		`${what}: none of ${selectors.join(' | ')} appeared within ${TIMEOUT / 1000} s (${page.url()})`,
	);
}

/** need(), with the selector found added to `found`: answers the element. */
export async function needInto(
	found: string[],
	page: Page,
	what: string,
	...selectors: string[]
): Promise<Locator> {
	const { selector, locator } = await need(page, what, ...selectors);
	found.push(selector);
	return locator;
}

export async function dismissPopups(page: Page): Promise<void> {
	for (const text of ['Got it', 'Dismiss', 'Skip']) {
		const button = page.getByRole('button', { name: text, exact: true });
		if (
			await button
				.first()
				.isVisible()
				.catch(() => false)
		)
			await button
				.first()
				.click()
				.catch(() => undefined);
	}
	await page.keyboard.press('Escape').catch(() => undefined);
}

export async function login(
	page: Page,
	input: { baseUrl: string; email: string; password: string },
): Promise<void> {
	await page.goto(`${input.baseUrl}/signin`);
	const email = await need(
		page,
		'sign-in form',
		'#emailOrLdapLoginId',
		'input[name="emailOrLdapLoginId"]',
		'input[type="email"]',
	);
	await email.locator.fill(input.email);
	await page.locator('input[type="password"]').first().fill(input.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: TIMEOUT });
}

/** Opens a workflow in the editor; answers the canvas selector found. */
export async function openWorkflow(
	page: Page,
	input: { baseUrl: string; workflowId: string },
	path = '',
): Promise<string> {
	await page.goto(`${input.baseUrl}/workflow/${input.workflowId}${path}`);
	const canvas = await need(
		page,
		'workflow canvas',
		'[data-test-id="canvas-node"]',
		'.vue-flow__node',
	);
	await page.waitForTimeout(800); // the canvas fits the view after the nodes render
	await dismissPopups(page);
	return canvas.selector;
}

/**
 * Opens the node `name` of a workflow (double-click on the canvas) and waits for its parameter
 * `parameter` (the `parameter-input-<parameter>` test id, or its `label` in the panel). Answers
 * the selectors found.
 */
export async function openNode(
	page: Page,
	input: { baseUrl: string; workflowId: string },
	name: string,
	parameter: { name: string; label: string },
): Promise<string[]> {
	const found = [await openWorkflow(page, input)];
	const node = await needInto(
		found,
		page,
		`the ${name} on the canvas`,
		`[data-test-id="canvas-node"][data-node-name="${name}"]`,
		`.vue-flow__node:has-text("${name}")`,
	);
	await node.dblclick();
	await needInto(
		found,
		page,
		'node details view',
		'[data-test-id="ndv"]',
		'[data-test-id="node-parameters"]',
	);
	await needInto(
		found,
		page,
		`the ${parameter.label} parameter`,
		`[data-test-id="parameter-input-${parameter.name}"]`,
		`[data-test-id="ndv"] :text("${parameter.label}")`,
	);
	return found;
}

export function pad(box: { x: number; y: number; width: number; height: number }, by: number) {
	const x = Math.max(0, box.x - by);
	const y = Math.max(0, box.y - by);
	return {
		x,
		y,
		width: Math.min(VIEWPORT.width - x, box.width + 2 * by),
		height: Math.min(VIEWPORT.height - y, box.height + 2 * by),
	};
}
