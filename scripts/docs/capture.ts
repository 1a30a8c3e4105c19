// Takes the README's screenshots of the n8n editor (browser.ts drives it): the node panel, the
// two triggers' parameters, the tested credential and an execution. Every step waits for the
// element it needs and records the selector it found, so `docs:check` can tell a changed editor
// from a slow one.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
	VIEWPORT,
	TIMEOUT,
	launchBrowser,
	login,
	need,
	needInto,
	newPage,
	openNode,
	openWorkflow,
	pad,
} from './browser';

export { CHROMIUM_FLAGS, chromiumPath } from './browser';

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

export async function captureAll(input: CaptureInput): Promise<Shot[]> {
	const browser = await launchBrowser();
	try {
		const page = await newPage(browser);
		await login(page, input);
		const [triggerShot, actionShot] = PARAMETER_SHOTS;
		const shots: Shot[] = [
			await nodePanel(page, input),
			await parameters(page, input, triggerShot),
			await credentialTested(page, input),
			await execution(page, input),
		];
		if (input.actionWorkflowId) shots.push(await parameters(page, input, actionShot));
		return shots;
	} finally {
		await browser.close();
	}
}

/** 1. The node panel: searching "Atlas" finds the package; its page lists actions and triggers. */
async function nodePanel(page: Page, input: CaptureInput): Promise<Shot> {
	await page.setViewportSize({ width: 1280, height: 1100 });
	const found = [await openWorkflow(page, input)];
	const plus = await needInto(
		found,
		page,
		'node creator button',
		'[data-test-id="node-creator-plus-button"]',
	);
	await plus.click();
	const search = await needInto(
		found,
		page,
		'node search',
		'[data-test-id="node-creator-search-bar"] input',
		'[data-test-id="search-bar"] input',
	);
	await search.fill('Atlas');
	const item = await needInto(
		found,
		page,
		'Atlas in the search results',
		'[data-test-id="node-creator-item-name"]:text-is("Atlas")',
		'[data-test-id="node-creator-item-name"]:text-is("Atlas Trigger")',
	);
	await item.click();
	const triggers = await needInto(
		found,
		page,
		'the triggers section',
		'[data-test-id="node-creator"] :text-matches("^Triggers \\\\(\\\\d+\\\\)")',
	);
	await triggers.click(); // expand the triggers under the actions
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

/** A node's parameters, opened from a workflow of the stack (shots 2 and 5). */
interface ParametersShot {
	workflowId: (input: CaptureInput) => string | undefined;
	node: string;
	/** a parameter that must be shown: its name (test id) and label */
	parameter: { name: string; label: string };
	/** a taller window, for a long parameter list */
	tall?: boolean;
	file: string;
	what: string;
}

const PARAMETER_SHOTS: ParametersShot[] = [
	{
		workflowId: (input) => input.workflowId,
		node: 'Atlas Trigger',
		parameter: { name: 'events', label: 'Events' },
		file: 'trigger-parameters.png',
		what: "the Atlas Trigger's parameters (events, campaigns, options)",
	},
	{
		workflowId: (input) => input.actionWorkflowId,
		node: 'Atlas Action Trigger',
		parameter: { name: 'respond', label: 'Respond' },
		tall: true,
		file: 'action-trigger-parameters.png',
		what: "the Atlas Action Trigger's parameters (authentication, respond, declared parameters, setup in Atlas)",
	},
];

async function parameters(page: Page, input: CaptureInput, shot: ParametersShot): Promise<Shot> {
	if (shot.tall) await page.setViewportSize({ width: 1280, height: 1100 });
	const workflowId = shot.workflowId(input)!;
	const found = await openNode(
		page,
		{ baseUrl: input.baseUrl, workflowId },
		shot.node,
		shot.parameter,
	);
	await page.mouse.move(5, 5);
	await page.waitForTimeout(800);
	const file = join(input.outDir, shot.file);
	await page.screenshot({ path: file });
	await page.keyboard.press('Escape');
	if (shot.tall) await page.setViewportSize(VIEWPORT);
	return { file, what: shot.what, found };
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
