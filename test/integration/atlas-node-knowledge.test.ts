// Knowledge: every operation and its errors, binary input included, and Sync's rules, through
// n8n's real engine against the Atlas emulator (which keeps the bytes: agentKnowledge()).
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { agentKnowledge, KNOWLEDGE_MAX_BYTES } from '../emulator/knowledge';

const API_KEY = 'atlas-secret-KEY-knowledge';
let emu: Emulator;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

type RunOptions = {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	typeVersion?: number;
};

async function run(parameters: INodeParameters, options: RunOptions = {}) {
	const out = await runExecute(new Atlas(), {
		parameters: { resource: 'knowledge', ...parameters },
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		...options,
	} as Parameters<typeof runExecute>[1]);
	return out[0];
}

async function fails(parameters: INodeParameters, options: RunOptions = {}) {
	let caught: unknown;
	await run(parameters, options).then(
		() => assert.fail('expected the node to fail'),
		(error: unknown) => (caught = error),
	);
	const e = caught as { message: string; description?: string };
	return `${e.message}\n${e.description ?? ''}`;
}

const file = (fileName: string, content: string | Buffer, mimeType = 'text/markdown') => ({
	json: { name: fileName },
	binary: {
		data: {
			data: (typeof content === 'string' ? Buffer.from(content) : content).toString('base64'),
			mimeType,
			fileName,
		},
	},
});
const uploads = () => emu.requests({ method: 'POST', route: 'POST /knowledgebase/upload' });

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

describe('Knowledge: single operations', () => {
	it('Upload File sends the binary as bytes with filename and campaignId; the agent knows it', async () => {
		const [item] = await run(
			{ operation: 'uploadFile', campaign: rl('cmp_sales') },
			{ items: [file('prices.md', '# Prices\nSolar panel: $400')] },
		);
		assert.equal(item.json.fileName, 'prices.md');
		assert.equal(item.json.campaignId, 'cmp_sales');
		assert.ok(item.json.knowledgeId);
		const [known] = await agentKnowledge(emu.origin, 'cmp_sales');
		assert.equal(known.text, '# Prices\nSolar panel: $400');
		assert.deepEqual(uploads()[0].query, { filename: 'prices.md', campaignId: 'cmp_sales' });
	});

	it("Upload File: a set name wins; a binary without extension gets its type's", async () => {
		await run(
			{ operation: 'uploadFile', uploadOptions: { fileName: 'policy.txt' } },
			{ items: [file('x.md', 'refunds in 30 days')] },
		);
		const [item] = await run(
			{ operation: 'uploadFile' },
			{ items: [{ ...file('handbook', '%PDF-1.4 x', 'application/pdf') }] },
		);
		assert.equal(item.json.fileName, 'handbook.pdf');
		const names = (await agentKnowledge(emu.origin)).map((k) => k.fileName).sort();
		assert.deepEqual(names, ['handbook.pdf', 'policy.txt']);
	});

	it('refuses before sending: over 10 MB, a format Atlas does not take, no binary; Continue On Fail lets others go', async () => {
		const big = Buffer.alloc(KNOWLEDGE_MAX_BYTES + 1, 0x41);
		const text = await fails(
			{ operation: 'uploadFile' },
			{ items: [file('big.pdf', big, 'application/pdf')] },
		);
		assert.match(
			text,
			/"big\.pdf" is 10\.00 MB \(10485761 bytes\), more than the 10 MB Atlas takes/,
		);
		assert.match(text, /Split the file/);
		assert.match(
			await fails(
				{ operation: 'uploadFile' },
				{ items: [file('sheet.xlsx', 'x', 'application/vnd.ms-excel')] },
			),
			/"sheet\.xlsx" is a \.xlsx file, which Atlas does not take[\s\S]*\.pdf, \.docx, \.txt, \.md/,
		);
		assert.match(
			await fails({ operation: 'uploadFile' }, { items: [{ json: {} }] }),
			/Item 1 has no file in its binary field "data"/,
		);
		assert.equal(uploads().length, 0, 'nothing was sent');
		const out = await run(
			{ operation: 'uploadFile' },
			{
				continueOnFail: true,
				items: [file('big.pdf', big, 'application/pdf'), file('ok.md', 'fine')],
			},
		);
		assert.match(String(out[0].json.error), /big\.pdf/);
		assert.equal(out[1].json.fileName, 'ok.md');
		assert.equal(uploads().length, 1);
	});

	it('Upload Text sends the text as a .md file; empty text fails; unknown campaign is 404 in words', async () => {
		const [item] = await run({
			operation: 'uploadText',
			fileName: 'faq',
			text: 'Q: Open on Sunday?\nA: No.',
			campaign: rl('cmp_support'),
		});
		assert.equal(item.json.fileName, 'faq.md');
		assert.equal(
			(await agentKnowledge(emu.origin, 'cmp_support'))[0].text,
			'Q: Open on Sunday?\nA: No.',
		);
		assert.match(
			await fails({ operation: 'uploadText', fileName: 'faq', text: '  ' }),
			/text for "faq" is empty/,
		);
		assert.match(
			await fails({
				operation: 'uploadText',
				fileName: 'faq',
				text: 'x',
				campaign: rl('cmp_nope'),
			}),
			/cmp_nope/,
		);
	});

	it('Add From URL posts {url, campaignId}; a bad address fails before sending', async () => {
		const [item] = await run({
			operation: 'addFromUrl',
			url: 'https://example.com/pricing',
			campaign: rl('cmp_sales'),
		});
		assert.equal(item.json.sourceUrl, 'https://example.com/pricing');
		assert.equal(
			(await agentKnowledge(emu.origin, 'cmp_sales'))[0].sourceUrl,
			'https://example.com/pricing',
		);
		assert.match(
			await fails({ operation: 'addFromUrl', url: 'example' }),
			/"example" is not a web address/,
		);
	});

	it("Get Many lists the account or one campaign; Simplify off shows Atlas's record", async () => {
		await run({ operation: 'uploadText', fileName: 'a.md', text: 'A', campaign: rl('cmp_sales') });
		await run({ operation: 'uploadText', fileName: 'b.md', text: 'B' });
		assert.equal((await run({ operation: 'getAll', returnAll: true })).length, 2);
		const [one] = await run({ operation: 'getAll', campaign: rl('cmp_sales'), returnAll: true });
		assert.deepEqual(Object.keys(one.json).sort(), [
			'campaignId',
			'collections',
			'fileName',
			'filePath',
			'knowledgeId',
			'size',
			'sourceUrl',
			'uploadedAt',
		]);
		assert.equal(one.json.size, 1);
		const [raw] = await run({
			operation: 'getAll',
			campaign: rl('cmp_sales'),
			returnAll: true,
			simplify: false,
		});
		assert.equal(raw.json.FileName, 'a.md');
		assert.equal(raw.json.fileName, undefined);
	});

	it('Attach, Get Linked Campaigns, Detach, collections; an unknown file is named', async () => {
		const [up] = await run({ operation: 'uploadText', fileName: 'a.md', text: 'A' });
		const knowledgeId = String(up.json.knowledgeId);
		await run({ operation: 'attach', campaign: rl('cmp_sales'), knowledgeId });
		await run({ operation: 'attach', campaign: rl('cmp_support'), knowledgeId });
		const linked = await run({ operation: 'getLinkedCampaigns', knowledgeId });
		assert.deepEqual(
			linked.map((i) => i.json.campaignId),
			['cmp_sales', 'cmp_support'],
		);
		await run({ operation: 'detach', campaign: rl('cmp_support'), knowledgeId });
		assert.equal((await agentKnowledge(emu.origin, 'cmp_support')).length, 0);
		await run({ operation: 'addToCollection', knowledgeId, collection: 'Pricing' });
		assert.deepEqual((await agentKnowledge(emu.origin))[0].tags, ['Pricing']);
		await run({ operation: 'removeFromCollection', knowledgeId, collection: 'Pricing' });
		assert.deepEqual((await agentKnowledge(emu.origin))[0].tags, []);
		assert.match(
			await fails({ operation: 'getLinkedCampaigns', knowledgeId: 'kb_nope' }),
			/kb_nope/,
		);
	});

	it('Delete needs Confirm Deletion (not settable by an expression), then deletes by name', async () => {
		await run({ operation: 'uploadText', fileName: 'old.md', text: 'old' });
		assert.match(
			await fails({ operation: 'delete', fileName: 'old.md' }),
			/Confirm Deletion is off/,
		);
		const del = new Atlas().description.properties.find((p) => p.name === 'confirmDelete');
		assert.equal(del?.noDataExpression, true);
		assert.equal(emu.requests({ method: 'DELETE' }).length, 0);
		const [item] = await run({ operation: 'delete', fileName: 'old.md', confirmDelete: true });
		assert.equal(item.json.deleted, true);
		assert.deepEqual(await agentKnowledge(emu.origin), []);
		assert.match(
			await fails({ operation: 'delete', fileName: 'old.md', confirmDelete: true }),
			/old\.md/,
		);
	});
});

const sync = (over: INodeParameters = {}): INodeParameters => ({
	operation: 'sync',
	campaign: rl('cmp_sales'),
	...over,
});
const folder = (files: Record<string, string | Buffer>) =>
	Object.entries(files).map(([name, content]) => file(name, content));
const statuses = (items: INodeExecutionData[]) =>
	Object.fromEntries(items.map((i) => [String(i.json.fileName), i.json.status]));

describe('Knowledge > Sync', () => {
	it('first run uploads all; one changed replaces only it; same input uploads nothing', async () => {
		const staticData: IDataObject = {};
		const files = { 'prices.md': 'Panel $400', 'faq.md': 'Q/A', 'policy.txt': 'Refunds 30 days' };
		const first = await run(sync(), { items: folder(files), staticData });
		assert.deepEqual(statuses(first), {
			'prices.md': 'uploaded',
			'faq.md': 'uploaded',
			'policy.txt': 'uploaded',
		});
		assert.deepEqual(
			first.map((i) => i.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.equal(uploads().length, 3);

		emu.clearRequests();
		const second = await run(sync(), {
			items: folder({ ...files, 'prices.md': 'Panel $450' }),
			staticData,
		});
		assert.deepEqual(statuses(second), {
			'prices.md': 'replaced',
			'faq.md': 'unchanged',
			'policy.txt': 'unchanged',
		});
		assert.equal(uploads().length, 1);
		const known = await agentKnowledge(emu.origin, 'cmp_sales');
		assert.deepEqual(known.map((k) => `${k.fileName}=${k.text}`).sort(), [
			'faq.md=Q/A',
			'policy.txt=Refunds 30 days',
			'prices.md=Panel $450',
		]);
		assert.deepEqual(second[0].json.replacedKnowledgeIds, [first[0].json.knowledgeId]);

		emu.clearRequests();
		const third = await run(sync(), {
			items: folder({ ...files, 'prices.md': 'Panel $450' }),
			staticData,
		});
		assert.deepEqual(Object.values(statuses(third)), ['unchanged', 'unchanged', 'unchanged']);
		assert.equal(uploads().length, 0);
		assert.equal(emu.requests({ method: 'DELETE' }).length, 0);
	});

	it('the swap: the new version is attached before the old is detached; a failed upload keeps the old', async () => {
		const staticData: IDataObject = {};
		await run(
			sync({ campaign: rl('cmp_sales'), syncOptions: { moreCampaignIds: 'cmp_support' } }),
			{
				items: folder({ 'prices.md': 'v1' }),
				staticData,
			},
		);
		emu.clearRequests();
		await run(sync({ syncOptions: { moreCampaignIds: 'cmp_support' } }), {
			items: folder({ 'prices.md': 'v2' }),
			staticData,
		});
		const order = emu
			.requests()
			.filter((r) => r.method !== 'GET')
			.map((r) => r.route);
		assert.deepEqual(order, [
			'POST /knowledgebase/upload',
			'POST /knowledgebase/:campaignId/:rowKey',
			'DELETE /knowledgebase/:campaignId/:rowKey',
			'DELETE /knowledgebase/:campaignId/:rowKey',
		]);
		for (const c of ['cmp_sales', 'cmp_support'])
			assert.deepEqual(
				(await agentKnowledge(emu.origin, c)).map((k) => k.text),
				['v2'],
			);

		emu.setFault({
			type: '500',
			path: '/knowledgebase/upload',
			method: 'POST',
			count: 1,
		});
		const [failed] = await run(sync(), { items: folder({ 'prices.md': 'v3' }), staticData });
		assert.equal(failed.json.status, 'failed');
		assert.match(String(failed.json.reason), /old version stays/);
		assert.deepEqual(
			(await agentKnowledge(emu.origin, 'cmp_sales')).map((k) => k.text),
			['v2'],
		);
	});

	it('without memory (a manual run) a listed file of that name is replaced, not trusted by size', async () => {
		await run(sync(), { items: folder({ 'a.md': 'one' }) });
		const [again] = await run(sync(), { items: folder({ 'a.md': 'two' }) });
		assert.equal(again.json.status, 'replaced');
		assert.deepEqual(
			(await agentKnowledge(emu.origin, 'cmp_sales')).map((k) => k.text),
			['two'],
		);
	});

	it('10 MB + 1 byte fails alone, naming the file; the others go on', async () => {
		const out = await run(sync(), {
			items: [
				file('ok.md', 'fine'),
				file('huge.pdf', Buffer.alloc(KNOWLEDGE_MAX_BYTES + 1, 1), 'application/pdf'),
			],
		});
		assert.deepEqual(statuses(out), { 'ok.md': 'uploaded', 'huge.pdf': 'failed' });
		const huge = out.find((i) => i.json.fileName === 'huge.pdf')!;
		assert.match(String(huge.json.error), /10485761 bytes/);
		assert.deepEqual(huge.pairedItem, { item: 1 });
		assert.equal(uploads().length, 1);
	});

	it('removal: detaches files not in the input; an empty input or more than Max Removals removes nothing', async () => {
		const staticData: IDataObject = {};
		await run(sync(), { items: folder({ 'a.md': 'A', 'b.md': 'B', 'c.md': 'C' }), staticData });
		emu.clearRequests();
		const none = await run(sync({ removal: 'detach' }), { items: [{ json: {} }], staticData });
		assert.ok(none.some((i) => i.json.status === 'failed'));
		assert.deepEqual(none.filter((i) => i.json.status === 'kept').length, 3);
		assert.equal(emu.requests({ method: 'DELETE' }).length, 0);

		const capped = await run(sync({ removal: 'detach', maxRemovals: 1 }), {
			items: folder({ 'a.md': 'A' }),
			staticData,
		});
		assert.match(
			String(capped.find((i) => i.json.status === 'kept')?.json.reason),
			/more than Max Removals \(1\)/,
		);
		assert.equal(emu.requests({ method: 'DELETE' }).length, 0);

		const done = await run(sync({ removal: 'detach', maxRemovals: 2 }), {
			items: folder({ 'a.md': 'A' }),
			staticData,
		});
		assert.deepEqual(statuses(done), { 'a.md': 'unchanged', 'b.md': 'removed', 'c.md': 'removed' });
		assert.deepEqual(
			(await agentKnowledge(emu.origin, 'cmp_sales')).map((k) => k.fileName),
			['a.md'],
		);
		assert.equal(
			(await agentKnowledge(emu.origin)).length,
			3,
			'detached files stay in the account',
		);

		await run(sync({ removal: 'delete' }), { items: folder({ 'z.md': 'Z' }), staticData });
		assert.deepEqual((await agentKnowledge(emu.origin)).map((k) => k.fileName).sort(), [
			'b.md',
			'c.md',
			'z.md',
		]);
	});

	it('texts: each item a name and a text; runs once for all items; unknown campaign fails untouched', async () => {
		const items = [{ json: { q: 'hours', a: '9-5' } }, { json: { q: 'parking', a: 'free' } }];
		const out = await run(
			sync({ source: 'text', syncFileName: '={{ $json.q }}', syncText: '={{ $json.a }}' }),
			{ items },
		);
		assert.deepEqual(statuses(out), { 'hours.md': 'uploaded', 'parking.md': 'uploaded' });
		assert.equal(
			emu.requests({ method: 'GET', route: 'GET /knowledgebase/:campaignId' }).length,
			1,
		);
		emu.clearRequests();
		assert.match(
			await fails(sync({ campaign: rl('cmp_nope') }), { items: folder({ 'a.md': 'A' }) }),
			/cmp_nope/,
		);
		assert.equal(uploads().length, 0);
	});
});
