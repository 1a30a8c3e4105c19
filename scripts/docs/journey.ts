// A newcomer's journey through the real n8n 2.41 editor in headless Chromium (issue 21):
// create the Atlas API credential through its form (tested against the emulator), open each of
// the package's nodes, configure an Atlas node through the form and run it. It fails on
//   - a notice that lost a placeholder (`?action=` or `Bearer ` followed by nothing),
//   - a notice naming a button this editor does not have ("Listen for test event", "activate"),
//   - a field Atlas requires that the form does not mark required (Call > Schedule),
//   - a node whose run does not show its output.
//   npm run test:journey                      (builds and packs the checkout first)
//   npm run test:journey -- --tarball FILE    (an `npm pack` output instead)
// Uses the docs stack (stack.ts: emulator + n8n with the package installed) and capture.ts's
// browser helpers. One n8n, about a minute.
import { type Page, chromium } from 'playwright-core';

import { CHROMIUM_FLAGS, chromiumPath, dismissPopups, login, need, newPage } from './browser';
import { noticeProblems } from './journeyRules';
import { OWNER, type Stack, startStack } from './stack';

const LINE = 2 as const;
const log = (s: string) => console.log(`  ${s}`);

/** The rendered text of every notice in the open node details view. */
async function notices(page: Page): Promise<string[]> {
	return await page
		.locator('[data-test-id="ndv"] .n8n-notice, [data-test-id="ndv"] [class*="notice"]')
		.evaluateAll((els) =>
			[
				...new Set(els.map((el) => (el as unknown as { innerText: string }).innerText.trim())),
			].filter(Boolean),
		);
}

async function openNode(page: Page, base: string, workflowId: string, name: string) {
	await page.goto(`${base}/workflow/${workflowId}`);
	await need(page, 'workflow canvas', '[data-test-id="canvas-node"]', '.vue-flow__node');
	await page.waitForTimeout(600);
	await dismissPopups(page);
	const node = await need(
		page,
		`${name} on the canvas`,
		`[data-test-id="canvas-node"][data-node-name="${name}"]`,
		`.vue-flow__node:has-text("${name}")`,
	);
	await node.locator.dblclick();
	await need(page, 'node details view', '[data-test-id="ndv"]');
	await page.waitForTimeout(500);
}

/** The buttons of the open node details view, by their text. */
async function buttons(page: Page): Promise<string[]> {
	return await page
		.locator('[data-test-id="ndv"] button')
		.evaluateAll((els) =>
			els.map((el) => (el as unknown as { innerText: string }).innerText.trim()).filter(Boolean),
		);
}

/** 1. The Atlas API credential, created and tested through its form. */
async function createCredential(page: Page, stack: Stack, problems: string[]) {
	await page.goto(`${stack.n8n.baseUrl}/home/credentials/create`);
	const search = await need(
		page,
		'the credential type search',
		'[data-test-id="credential-select"] input',
		'[data-test-id="new-credential-type-select"] input',
		'.el-dialog input',
	);
	await search.locator.fill('Atlas API');
	await page.waitForTimeout(500);
	await page.locator('.el-select-dropdown__item:has-text("Atlas API")').first().click();
	await page
		.locator('[data-test-id="new-credential-type-button"], button:has-text("Continue")')
		.first()
		.click();
	const key = await need(
		page,
		'the API Key field',
		'[data-test-id="parameter-input-apiKey"] input',
		'input[type="password"]',
	);
	await key.locator.fill(stack.emulator.apiKey);
	const baseUrl = page.locator('[data-test-id="parameter-input-baseUrl"] input').first();
	await baseUrl.fill(stack.emulator.baseUrl);
	await page.locator('[data-test-id="credential-save-button"]').first().click();
	await need(page, 'the credential test to succeed', ':text("Connection tested successfully")');
	log('✓ Atlas API credential created through its form and tested');
	const text = await page.locator('.el-dialog').first().innerText();
	problems.push(...noticeProblems('Atlas API credential', text, LINE));
	await page.keyboard.press('Escape');
}

/** 2. Each trigger's form: its notices, and that the editor has the buttons they name. */
async function triggers(page: Page, stack: Stack, problems: string[]) {
	const base = stack.n8n.baseUrl;
	for (const [workflowId, name] of [
		[stack.workflow.id, 'Atlas Trigger'],
		[stack.actionWorkflow.id, 'Atlas Action Trigger'],
	]) {
		await openNode(page, base, workflowId, name);
		const texts = await notices(page);
		if (texts.length === 0) problems.push(`${name}: no notice found in its form`);
		for (const text of texts) problems.push(...noticeProblems(`${name} notice`, text, LINE));
		const named = texts.join(' ').match(/"Execute step"/) ? 'Execute step' : undefined;
		if (named && !(await buttons(page)).some((b) => b.includes(named)))
			problems.push(`${name}: its notice names "${named}", which its form does not show`);
		log(`✓ ${name}: ${texts.length} notice(s) read`);
		await page.keyboard.press('Escape');
	}
}

/** 3. An Atlas node configured through the form (Call > Schedule), then run. */
async function scheduleThroughForm(page: Page, stack: Stack, problems: string[]) {
	const workflow = await stack.client.createWorkflow({
		name: 'Journey: schedule a call',
		nodes: [
			{
				parameters: {},
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: { resource: 'call', operation: 'schedule' },
				name: 'Atlas',
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 2,
				position: [250, 0],
				credentials: { atlasApi: { id: stack.credentialId, name: 'Atlas account' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Atlas', type: 'main', index: 0 }]] } },
	} as never);
	await openNode(page, stack.n8n.baseUrl, workflow.id, 'Atlas');
	// the editor marks a required field left empty with a parameter issue ("Parameter ... is
	// required"); an optional one (the control) gets none
	for (const [name, label, required] of [
		['customerPhoneNumber', 'Phone Number', true],
		['customerName', 'Customer Name', true],
		['customerInfo', 'Customer Info', false],
	] as const) {
		const item = page
			.locator(`[data-test-id="parameter-item"]:has([data-test-id="parameter-input-${name}"])`)
			.last();
		await item.waitFor({ state: 'visible' });
		const marked = await item
			.locator('[data-test-id="parameter-issues"]')
			.first()
			.isVisible()
			.catch(() => false);
		if (marked !== required)
			problems.push(
				`Call > Schedule: "${label}" is ${required ? 'required by Atlas but the form does not mark it when empty' : 'optional but marked as an issue'}`,
			);
	}
	// the campaign, by ID; the phone number and the name, typed
	const campaign = page.locator('[data-test-id="parameter-input-campaign"]').first();
	await campaign.locator('[data-test-id="rlc-mode-selector"], .el-select').first().click();
	await page.locator('.el-select-dropdown__item:has-text("By ID")').first().click();
	await campaign.locator('input').last().fill('cmp_sales');
	await page
		.locator('[data-test-id="parameter-input-customerPhoneNumber"] input')
		.first()
		.fill('(415) 555-0123');
	await page
		.locator('[data-test-id="parameter-input-customerName"] input')
		.first()
		.fill('Dana Whitfield');
	for (const text of await notices(page))
		problems.push(...noticeProblems('Atlas node notice', text, LINE));
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	const output = await need(
		page,
		'the output of the run',
		'[data-test-id="output-panel"] :text("sequenceNumber")',
	);
	log(
		`✓ Call > Schedule configured through the form and run (${await output.locator.innerText()})`,
	);
	const placed = stack.emulator.requests({ route: 'POST /campaign/createschedule' });
	if (placed.length !== 1)
		problems.push(`Call > Schedule: Atlas got ${placed.length} schedule request(s), expected 1`);
	await page.keyboard.press('Escape');
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const at = args.indexOf('--tarball');
	const tarball = at >= 0 ? args[at + 1] : undefined;
	console.log(`editor journey: n8n line ${LINE}`);
	const started = Date.now();
	const stack = await startStack({ line: LINE, tarball });
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: CHROMIUM_FLAGS,
		headless: true,
	});
	const problems: string[] = [];
	let page: Page | undefined;
	try {
		page = await newPage(browser);
		await login(page, {
			baseUrl: stack.n8n.baseUrl,
			email: OWNER.email,
			password: OWNER.password,
		} as never);
		for (const step of [createCredential, triggers, scheduleThroughForm])
			await step(page, stack, problems);
	} catch (error) {
		problems.push(`the journey stopped: ${(error as Error).message}`);
		if (page)
			await page.screenshot({ path: '/tmp/atlas-journey-failure.png' }).catch(() => undefined);
	} finally {
		await browser.close();
		await stack.stop();
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	if (problems.length > 0) {
		console.error(
			`editor journey: ${problems.length} problem(s) (${seconds} s):\n  - ${problems.join('\n  - ')}`,
		);
		return 1;
	}
	console.log(`editor journey passed (${seconds} s)`);
	return 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
