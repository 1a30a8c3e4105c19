// End-to-end: Knowledge > Sync in real n8n servers (1.123 on Node 20, 2.41 on Node 24; env
// N8N_LINES=1,2), against the Atlas emulator. A Webhook → Read/Write Files from Disk → Atlas
// Sync workflow (active: production runs save what Sync remembers) reads a folder:
//   run 1 uploads and attaches every file; run 2 with one file changed replaces only it; run 3
//   with the same files uploads nothing; an empty folder removes nothing; a 10 MB + 1 byte file
//   fails alone.
//   npm run build && node --import tsx --test --test-concurrency=1 test/e2e/atlas-node-knowledge.e2e.test.ts
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { agentKnowledge, KNOWLEDGE_MAX_BYTES } from '../emulator/knowledge';
import { knowledgeSyncWorkflow, SYNC_NODE } from './knowledge-workflow';
import {
	Secrets,
	describeLines,
	diagnosedStep,
	mark,
	nodeItems,
	requestsSince,
	useRig,
	waitFor,
} from '../rig';

// Read/Write Files from Disk may only read below this folder (N8N_RESTRICT_FILE_ACCESS_TO; 2.x
// allows only ~/.n8n-files by default)
const ROOT = mkdtempSync(join(tmpdir(), 'atlas-kb-'));

describeLines('Knowledge Sync in real n8n', (line, tarball) => {
	const secrets = new Secrets();
	let url = '';
	let workflowId = '';
	let runs = 0;
	const root = join(ROOT, `line-${line}`);
	const docs = join(root, 'docs');
	const empty = join(root, 'empty');
	mkdirSync(docs, { recursive: true });
	mkdirSync(empty, { recursive: true });
	const step = diagnosedStep(line, secrets, () => ({ ...rig.started }));

	/** Runs the workflow on a folder; the Sync node's items, by file name. */
	const syncFolder = async (folder: string): Promise<Record<string, Record<string, unknown>>> => {
		const post = async () => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ glob: join(folder, '*') }),
			});
			await res.text();
			return res.status;
		};
		// until the webhook is served a POST is answered 404 and runs nothing
		await waitFor(async () => (await post()) === 200, { timeout: 30_000, what: 'the Webhook' });
		runs += 1;
		const done = await rig.client.waitForExecutions(workflowId, runs, 60_000);
		const newest = done.sort((a, b) => Number(b.id) - Number(a.id))[0];
		const execution = await rig.client.execution(newest.id);
		assert.equal(
			execution.status,
			'success',
			JSON.stringify(execution.data?.resultData?.error ?? {}),
		);
		return Object.fromEntries(nodeItems(execution, SYNC_NODE).map((item) => [item.fileName, item]));
	};
	const statusOf = (items: Record<string, Record<string, unknown>>) =>
		Object.fromEntries(Object.entries(items).map(([name, item]) => [name, item.status]));
	const uploadsSince = (since: number) =>
		requestsSince(rig.emu, since).filter((r) => r.route === 'POST /knowledgebase/upload');

	const rig = useRig(line, tarball, {
		apiKeyPrefix: 'e2e-',
		credentialName: `Atlas knowledge ${line}`,
		bootLog: 'boot',
		secrets,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: ROOT },
		onStart: async ({ client, credential, n8n }) => {
			const path = `kb-${randomUUID()}`;
			const wf = await client.createWorkflow(
				knowledgeSyncWorkflow(`knowledge sync ${line}`, path, credential),
			);
			workflowId = wf.id;
			url = `${n8n.baseUrl}/webhook/${path}`;
			await client.activate(wf.id);
		},
	});

	after(() => rmSync(root, { recursive: true, force: true }));

	step('run 1 uploads and attaches every file', async () => {
		writeFileSync(join(docs, 'prices.md'), '# Prices\nPanel: $400\n');
		writeFileSync(join(docs, 'faq.txt'), 'Q: Open Sunday? A: No.\n');
		writeFileSync(join(docs, 'policy.md'), 'Refunds within 30 days.\n');
		const since = mark(rig.emu);
		const items = await syncFolder(docs);
		assert.deepEqual(statusOf(items), {
			'faq.txt': 'uploaded',
			'policy.md': 'uploaded',
			'prices.md': 'uploaded',
		});
		assert.equal(uploadsSince(since).length, 3);
		const known = await agentKnowledge(rig.emu.origin, 'cmp_sales');
		assert.deepEqual(known.map((k) => k.fileName).sort(), ['faq.txt', 'policy.md', 'prices.md']);
	});

	step('run 2 with one file changed replaces only that one', async () => {
		writeFileSync(join(docs, 'prices.md'), '# Prices\nPanel: $450\n');
		const since = mark(rig.emu);
		const items = await syncFolder(docs);
		assert.deepEqual(statusOf(items), {
			'faq.txt': 'unchanged',
			'policy.md': 'unchanged',
			'prices.md': 'replaced',
		});
		assert.equal(uploadsSince(since).length, 1);
		const prices = (await agentKnowledge(rig.emu.origin, 'cmp_sales')).filter(
			(k) => k.fileName === 'prices.md',
		);
		assert.deepEqual(
			prices.map((k) => k.text),
			['# Prices\nPanel: $450\n'],
		);
	});

	step('run 3 with the same files uploads nothing', async () => {
		const since = mark(rig.emu);
		const items = await syncFolder(docs);
		assert.deepEqual(Object.values(statusOf(items)), ['unchanged', 'unchanged', 'unchanged']);
		assert.equal(uploadsSince(since).length, 0);
	});

	step('an empty folder removes nothing', async () => {
		const since = mark(rig.emu);
		const items = await syncFolder(empty);
		const kept = Object.values(items).filter((item) => item.status === 'kept');
		assert.equal(kept.length, 3, JSON.stringify(items));
		assert.equal(requestsSince(rig.emu, since).filter((r) => r.method !== 'GET').length, 0);
		assert.equal((await agentKnowledge(rig.emu.origin, 'cmp_sales')).length, 3);
	});

	step('a 10 MB + 1 byte file fails alone', async () => {
		writeFileSync(join(docs, 'catalogue.pdf'), Buffer.alloc(KNOWLEDGE_MAX_BYTES + 1, 0x20));
		const since = mark(rig.emu);
		const items = await syncFolder(docs);
		assert.deepEqual(statusOf(items), {
			'catalogue.pdf': 'failed',
			'faq.txt': 'unchanged',
			'policy.md': 'unchanged',
			'prices.md': 'unchanged',
		});
		assert.match(
			String(items['catalogue.pdf'].error),
			/"catalogue\.pdf" is 10\.00 MB \(10485761 bytes\)/,
		);
		assert.equal(uploadsSince(since).length, 0);
	});
});
