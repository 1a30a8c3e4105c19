// Drives the n8n editor in headless Chromium (Debian's, through playwright-core: no browser
// download) and takes the README's screenshots. Every step waits for the element it needs and
// records the selector it found, so `docs:check` can tell a changed editor from a slow one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

export interface Shot {
	file: string;
	what: string;
	/** selectors that had to be found for this shot */
	found: string[];
}

export interface CaptureInput {
	baseUrl: string;
	email: string;
	password: string;
	workflowId: string;
	triggerNodeId: string;
	credentialId: string;
	executionId: string;
	outDir: string;
	/** The workflow with an Atlas Action Trigger (stack.ts) for shot 5. */
	actionWorkflowId?: string;
}

const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT = 60_000;

export async function captureAll(input: CaptureInput): Promise<Shot[]> {
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: CHROMIUM_FLAGS,
		headless: true,
	});
	try {
		const page = await newPage(browser);
		await login(page, input);
		const shots: Shot[] = [];
		for (const step of [nodePanel, triggerParameters, credentialTested, execution]) {
			shots.push(await step(page, input));
		}
		if (input.actionWorkflowId) shots.push(await actionTriggerParameters(page, input));
		return shots;
	} finally {
		await browser.close();
	}
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

export async function login(page: Page, input: CaptureInput): Promise<void> {
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

async function openWorkflow(page: Page, input: CaptureInput, path = ''): Promise<string> {
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

/** 1. The node panel: searching "Atlas" finds the package; its page lists actions and triggers. */
async function nodePanel(page: Page, input: CaptureInput): Promise<Shot> {
	await page.setViewportSize({ width: 1280, height: 1100 });
	const found = [await openWorkflow(page, input)];
	const plus = await need(page, 'node creator button', '[data-test-id="node-creator-plus-button"]');
	found.push(plus.selector);
	await plus.locator.click();
	const search = await need(
		page,
		'node search',
		'[data-test-id="node-creator-search-bar"] input',
		'[data-test-id="search-bar"] input',
	);
	found.push(search.selector);
	await search.locator.fill('Atlas');
	const item = await need(
		page,
		'Atlas in the search results',
		'[data-test-id="node-creator-item-name"]:text-is("Atlas")',
		'[data-test-id="node-creator-item-name"]:text-is("Atlas Trigger")',
	);
	found.push(item.selector);
	await item.locator.click();
	const triggers = await need(
		page,
		'the triggers section',
		'[data-test-id="node-creator"] :text-matches("^Triggers \\\\(\\\\d+\\\\)")',
	);
	found.push(triggers.selector);
	await triggers.locator.click(); // expand the triggers under the actions
	await need(
		page,
		'Atlas Trigger events',
		'[data-test-id="node-creator"] :text("On call completed")',
		'[data-test-id="node-creator"] :text-matches("[Cc]all [Cc]ompleted")',
	);
	await page.mouse.move(5, 5);
	await page.waitForTimeout(600);
	const file = join(input.outDir, 'node-panel.png');
	await page.screenshot({ path: file });
	await page.setViewportSize(VIEWPORT);
	return {
		file,
		what: 'the node panel: searching "Atlas" shows the Atlas node, its actions and the Atlas Trigger',
		found,
	};
}

/** 2. The trigger's parameters, opened from the demo workflow. */
async function triggerParameters(page: Page, input: CaptureInput): Promise<Shot> {
	const found = [await openWorkflow(page, input)];
	const node = await need(
		page,
		'the Atlas Trigger on the canvas',
		'[data-test-id="canvas-node"][data-node-name="Atlas Trigger"]',
		'.vue-flow__node:has-text("Atlas Trigger")',
	);
	found.push(node.selector);
	await node.locator.dblclick();
	const ndv = await need(
		page,
		'node details view',
		'[data-test-id="ndv"]',
		'[data-test-id="node-parameters"]',
	);
	found.push(ndv.selector);
	const events = await need(
		page,
		'the Events parameter',
		'[data-test-id="parameter-input-events"]',
		'[data-test-id="ndv"] :text("Events")',
	);
	found.push(events.selector);
	await page.mouse.move(5, 5);
	await page.waitForTimeout(800);
	const file = join(input.outDir, 'trigger-parameters.png');
	await page.screenshot({ path: file });
	await page.keyboard.press('Escape');
	return { file, what: "the Atlas Trigger's parameters (events, campaigns, options)", found };
}

/** 3. The Atlas API credential, tested against the emulator. */
async function credentialTested(page: Page, input: CaptureInput): Promise<Shot> {
	await page.goto(`${input.baseUrl}/home/credentials/${input.credentialId}`);
	const modal = await need(
		page,
		'credential modal',
		'[data-test-id="editCredential-modal"]',
		'.el-dialog:has-text("Atlas")',
	);
	const found = [modal.selector];
	let ok = await need(
		page,
		'a credential test result',
		':text("Connection tested successfully")',
		':text("Couldn’t connect")',
		':text("Retry")',
		'[data-test-id="credential-save-button"]',
	);
	if (!ok.selector.includes('successfully')) {
		// not tested on open (older editors): save, which tests it
		const save = page.locator('[data-test-id="credential-save-button"]').first();
		if (await save.isVisible().catch(() => false)) await save.click();
		ok = await need(
			page,
			'the credential test to succeed',
			':text("Connection tested successfully")',
		);
	}
	found.push(ok.selector);
	await page.mouse.move(5, 5);
	await page.waitForTimeout(500);
	const file = join(input.outDir, 'credential-tested.png');
	const box = await modal.locator.boundingBox();
	const clip = box ? pad(box, 24) : undefined;
	await page.screenshot({ path: file, clip });
	await page.keyboard.press('Escape');
	return { file, what: 'the Atlas API credential with "Connection tested successfully"', found };
}

/** 4. An execution of the demo workflow: the Atlas Trigger's call_completed item. */
async function execution(page: Page, input: CaptureInput): Promise<Shot> {
	await page.goto(`${input.baseUrl}/workflow/${input.workflowId}/executions/${input.executionId}`);
	// 2.x renders the execution's canvas inline; 1.x inside an iframe
	const preview = await need(
		page,
		'execution preview',
		'[data-test-id="execution-preview-host"] [data-test-id="canvas-node"]',
		'iframe[data-test-id="workflow-preview-iframe"]',
		'iframe',
	);
	const found = [preview.selector];
	const root = preview.selector.startsWith('iframe')
		? page.frameLocator(preview.selector).first()
		: page.locator('[data-test-id="execution-preview-host"]').first();
	const node = root
		.locator(
			'[data-test-id="canvas-node"][data-node-name="Atlas Trigger"], .vue-flow__node:has-text("Atlas Trigger")',
		)
		.first();
	await node.waitFor({ state: 'visible', timeout: TIMEOUT });
	found.push('[data-test-id="canvas-node"][data-node-name="Atlas Trigger"]');
	await page.waitForTimeout(1000);
	await node.dblclick();
	const scope = preview.selector.startsWith('iframe') ? root : page;
	const output = scope.locator('[data-test-id="output-panel"]').first();
	await output.waitFor({ state: 'visible', timeout: TIMEOUT });
	found.push('[data-test-id="output-panel"]');
	// the JSON view shows every field of the item (summary, recording URL, ...)
	const json = output.locator('[data-test-id="radio-button-json"]').first();
	if (await json.isVisible().catch(() => false)) {
		await json.click();
		found.push('[data-test-id="radio-button-json"]');
	}
	await output
		.locator(':text("call_completed")')
		.first()
		.waitFor({ state: 'visible', timeout: TIMEOUT });
	await output.locator(':text("summary")').first().waitFor({ state: 'visible', timeout: TIMEOUT });
	found.push('output :text("call_completed") + :text("summary")');
	await page.mouse.move(5, 5);
	await page.waitForTimeout(800);
	const file = join(input.outDir, 'execution-call-completed.png');
	await page.screenshot({ path: file });
	return {
		file,
		what: 'an execution of the demo workflow: the Atlas Trigger output with a call_completed item',
		found,
	};
}

/** 5. The Atlas Action Trigger's parameters: authentication, respond, declared parameters, setup help. */
async function actionTriggerParameters(page: Page, input: CaptureInput): Promise<Shot> {
	await page.setViewportSize({ width: 1280, height: 1100 });
	const found = [await openWorkflow(page, { ...input, workflowId: input.actionWorkflowId! })];
	const node = await need(
		page,
		'the Atlas Action Trigger on the canvas',
		'[data-test-id="canvas-node"][data-node-name="Atlas Action Trigger"]',
		'.vue-flow__node:has-text("Atlas Action Trigger")',
	);
	found.push(node.selector);
	await node.locator.dblclick();
	const ndv = await need(
		page,
		'node details view',
		'[data-test-id="ndv"]',
		'[data-test-id="node-parameters"]',
	);
	found.push(ndv.selector);
	const respond = await need(
		page,
		'the Respond parameter',
		'[data-test-id="parameter-input-respond"]',
		'[data-test-id="ndv"] :text("Respond")',
	);
	found.push(respond.selector);
	await page.mouse.move(5, 5);
	await page.waitForTimeout(800);
	const file = join(input.outDir, 'action-trigger-parameters.png');
	await page.screenshot({ path: file });
	await page.keyboard.press('Escape');
	await page.setViewportSize(VIEWPORT);
	return {
		file,
		what: "the Atlas Action Trigger's parameters (authentication, respond, declared parameters, setup in Atlas)",
		found,
	};
}

function pad(box: { x: number; y: number; width: number; height: number }, by: number) {
	const x = Math.max(0, box.x - by);
	const y = Math.max(0, box.y - by);
	return {
		x,
		y,
		width: Math.min(VIEWPORT.width - x, box.width + 2 * by),
		height: Math.min(VIEWPORT.height - y, box.height + 2 * by),
	};
}
