// The README's screenshot of Knowledge > Sync's output, taken in a real n8n editor (2.41 unless
// --line 1) in headless Chromium: the e2e suite's workflow (test/e2e/knowledge-workflow.ts)
// syncs a folder, then a second run with one file changed, one new and one too big.
//   npm run build && node --import tsx scripts/docs/knowledge-sync-shot.ts [--line 1] [--out DIR]
// Writes docs/knowledge-sync-output.png. What it starts is stopped and removed at the end.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { KNOWLEDGE_MAX_BYTES } from '../../test/emulator/knowledge';
import { knowledgeSyncWorkflow, SYNC_NODE } from '../../test/e2e/knowledge-workflow';
import { OWNER, packOnce, REPO_ROOT, startRig, waitFor } from '../../test/rig';
import { CHROMIUM_FLAGS, chromiumPath } from './browser';

const args = process.argv.slice(2);
const line = args[args.indexOf('--line') + 1] === '1' && args.includes('--line') ? 1 : 2;
const outDir = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(REPO_ROOT, 'docs');
const TIMEOUT = 60_000;

async function main(): Promise<void> {
	const root = mkdtempSync(join(tmpdir(), 'atlas-kb-shot-'));
	const docs = join(root, 'docs');
	mkdirSync(docs);
	const rig = await startRig({
		line,
		packageTarball: packOnce('e2e'),
		credentialName: 'Atlas account',
		env: { N8N_RESTRICT_FILE_ACCESS_TO: root },
	});
	try {
		const path = `kb-${randomUUID()}`;
		const wf = await rig.client.createWorkflow(
			knowledgeSyncWorkflow('Drive folder → agent knowledge', path, rig.credential),
		);
		await rig.client.activate(wf.id);
		const url = `${rig.n8n.baseUrl}/webhook/${path}`;
		const post = async () =>
			(
				await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ glob: join(docs, '*') }),
				})
			).status;
		writeFileSync(join(docs, 'prices.md'), '# Prices\nPanel: $400\n');
		writeFileSync(join(docs, 'faq.txt'), 'Q: Open on Sunday? A: No.\n');
		writeFileSync(join(docs, 'refund-policy.md'), 'Refunds within 30 days.\n');
		await waitFor(async () => (await post()) === 200, { timeout: 30_000, what: 'the Webhook' });
		await rig.client.waitForExecutions(wf.id, 1, TIMEOUT);
		writeFileSync(join(docs, 'prices.md'), '# Prices\nPanel: $450\n');
		writeFileSync(join(docs, 'opening-hours.md'), 'Mon-Fri 9-17\n');
		writeFileSync(join(docs, 'catalogue.pdf'), Buffer.alloc(KNOWLEDGE_MAX_BYTES + 1, 0x20));
		await post();
		const done = await rig.client.waitForExecutions(wf.id, 2, TIMEOUT);
		const executionId = done.sort((a, b) => Number(b.id) - Number(a.id))[0].id;

		const browser = await chromium.launch({
			executablePath: chromiumPath(),
			args: CHROMIUM_FLAGS,
			headless: true,
		});
		try {
			const context = await browser.newContext({
				viewport: { width: 1280, height: 800 },
				colorScheme: 'light',
				locale: 'en-US',
				timezoneId: 'UTC',
			});
			await context.addInitScript(() => localStorage.setItem('N8N_HIDE_HINTS', 'true'));
			const page = await context.newPage();
			page.setDefaultTimeout(TIMEOUT);
			await page.goto(`${rig.n8n.baseUrl}/signin`);
			await page
				.locator('#emailOrLdapLoginId, input[name="emailOrLdapLoginId"], input[type="email"]')
				.first()
				.fill(OWNER.email);
			await page.locator('input[type="password"]').first().fill(OWNER.password);
			await page
				.locator('[data-test-id="form-submit-button"], button[type="submit"]')
				.first()
				.click();
			await page.waitForURL((u) => !u.pathname.includes('/signin'));
			await page.goto(`${rig.n8n.baseUrl}/workflow/${wf.id}/executions/${executionId}`);
			// 2.x renders the execution's canvas inline; 1.x inside an iframe
			const iframe = page.locator('iframe').first();
			await page.waitForTimeout(3000);
			const inFrame = await iframe.isVisible().catch(() => false);
			const root = inFrame ? page.frameLocator('iframe').first() : page;
			const node = root
				.locator(
					`[data-test-id="canvas-node"][data-node-name="${SYNC_NODE}"], .vue-flow__node:has-text("${SYNC_NODE}")`,
				)
				.first();
			await node.waitFor({ state: 'visible' });
			await page.waitForTimeout(1000);
			await node.dblclick();
			const output = root.locator('[data-test-id="output-panel"]').first();
			await output.waitFor({ state: 'visible' });
			await output.locator(':text("replaced")').first().waitFor({ state: 'visible' });
			await page.mouse.move(5, 5);
			await page.waitForTimeout(800);
			mkdirSync(outDir, { recursive: true });
			const file = join(outDir, 'knowledge-sync-output.png');
			await page.screenshot({ path: file });
			console.log(`wrote ${file}`);
		} finally {
			await browser.close();
		}
	} finally {
		await rig.stop({ removeFolder: true });
		rmSync(root, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
