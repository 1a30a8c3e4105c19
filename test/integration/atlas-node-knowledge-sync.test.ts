// Knowledge > Sync's rules through n8n's real engine against the Atlas emulator: first run,
// one changed, unchanged, the swap order, a failed upload, 10 MB + 1 byte, removal limits.
// The harness must be imported before anything that loads n8n-core.
import { file, knowledgeHarness, rl } from '../helpers/knowledge';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { agentKnowledge, KNOWLEDGE_MAX_BYTES } from '../emulator/knowledge';

const { emulator, run, fails, uploads } = knowledgeHarness('atlas-secret-KEY-sync');

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

		emulator().clearRequests();
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
		const known = await agentKnowledge(emulator().origin, 'cmp_sales');
		assert.deepEqual(known.map((k) => `${k.fileName}=${k.text}`).sort(), [
			'faq.md=Q/A',
			'policy.txt=Refunds 30 days',
			'prices.md=Panel $450',
		]);
		assert.deepEqual(second[0].json.replacedKnowledgeIds, [first[0].json.knowledgeId]);

		emulator().clearRequests();
		const third = await run(sync(), {
			items: folder({ ...files, 'prices.md': 'Panel $450' }),
			staticData,
		});
		assert.deepEqual(Object.values(statuses(third)), ['unchanged', 'unchanged', 'unchanged']);
		assert.equal(uploads().length, 0);
		assert.equal(emulator().requests({ method: 'DELETE' }).length, 0);
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
		emulator().clearRequests();
		await run(sync({ syncOptions: { moreCampaignIds: 'cmp_support' } }), {
			items: folder({ 'prices.md': 'v2' }),
			staticData,
		});
		const order = emulator()
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
				(await agentKnowledge(emulator().origin, c)).map((k) => k.text),
				['v2'],
			);

		emulator().setFault({
			type: '500',
			path: '/knowledgebase/upload',
			method: 'POST',
			count: 1,
		});
		const [failed] = await run(sync(), { items: folder({ 'prices.md': 'v3' }), staticData });
		assert.equal(failed.json.status, 'failed');
		assert.match(String(failed.json.reason), /old version stays/);
		assert.deepEqual(
			(await agentKnowledge(emulator().origin, 'cmp_sales')).map((k) => k.text),
			['v2'],
		);
	});

	it('without memory (a manual run) a listed file of that name is replaced, not trusted by size', async () => {
		await run(sync(), { items: folder({ 'a.md': 'one' }) });
		const [again] = await run(sync(), { items: folder({ 'a.md': 'two' }) });
		assert.equal(again.json.status, 'replaced');
		assert.deepEqual(
			(await agentKnowledge(emulator().origin, 'cmp_sales')).map((k) => k.text),
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
		emulator().clearRequests();
		const none = await run(sync({ removal: 'detach' }), { items: [{ json: {} }], staticData });
		assert.ok(none.some((i) => i.json.status === 'failed'));
		assert.deepEqual(none.filter((i) => i.json.status === 'kept').length, 3);
		assert.equal(emulator().requests({ method: 'DELETE' }).length, 0);

		const capped = await run(sync({ removal: 'detach', maxRemovals: 1 }), {
			items: folder({ 'a.md': 'A' }),
			staticData,
		});
		assert.match(
			String(capped.find((i) => i.json.status === 'kept')?.json.reason),
			/more than Max Removals \(1\)/,
		);
		assert.equal(emulator().requests({ method: 'DELETE' }).length, 0);

		const done = await run(sync({ removal: 'detach', maxRemovals: 2 }), {
			items: folder({ 'a.md': 'A' }),
			staticData,
		});
		assert.deepEqual(statuses(done), { 'a.md': 'unchanged', 'b.md': 'removed', 'c.md': 'removed' });
		assert.deepEqual(
			(await agentKnowledge(emulator().origin, 'cmp_sales')).map((k) => k.fileName),
			['a.md'],
		);
		assert.equal(
			(await agentKnowledge(emulator().origin)).length,
			3,
			'detached files stay in the account',
		);

		await run(sync({ removal: 'delete' }), { items: folder({ 'z.md': 'Z' }), staticData });
		assert.deepEqual((await agentKnowledge(emulator().origin)).map((k) => k.fileName).sort(), [
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
			emulator().requests({ method: 'GET', route: 'GET /knowledgebase/:campaignId' }).length,
			1,
		);
		emulator().clearRequests();
		assert.match(
			await fails(sync({ campaign: rl('cmp_nope') }), { items: folder({ 'a.md': 'A' }) }),
			/cmp_nope/,
		);
		assert.equal(uploads().length, 0);
	});

	it("an edit in the portal between syncs: the source wins, the portal's copy is detached", async () => {
		const staticData: IDataObject = {};
		await run(sync(), { items: folder({ 'prices.md': 'v1' }), staticData });
		// someone uploads their own prices.md in the portal and removes Sync's one from the campaign
		const [mine] = await agentKnowledge(emulator().origin, 'cmp_sales');
		const res = await fetch(
			`${emulator().baseUrl}/knowledgebase/upload?filename=prices.md&campaignId=cmp_sales`,
			{
				method: 'POST',
				headers: { 'api-key': 'atlas-secret-KEY-sync', 'content-type': 'application/octet-stream' },
				body: Buffer.from('portal edit'),
			},
		);
		assert.equal(res.status, 201);
		await fetch(`${emulator().baseUrl}/knowledgebase/cmp_sales/${mine.knowledgeId}`, {
			method: 'DELETE',
			headers: { 'api-key': 'atlas-secret-KEY-sync' },
		});
		const [again] = await run(sync(), { items: folder({ 'prices.md': 'v1' }), staticData });
		assert.equal(again.json.status, 'replaced');
		assert.deepEqual(
			(await agentKnowledge(emulator().origin, 'cmp_sales')).map((k) => k.text),
			['v1'],
		);
	});

	it('a second file of the same name added in the portal is detached; ours stays, no upload', async () => {
		const staticData: IDataObject = {};
		await run(sync(), { items: folder({ 'prices.md': 'v1' }), staticData });
		await fetch(
			`${emulator().baseUrl}/knowledgebase/upload?filename=prices.md&campaignId=cmp_sales`,
			{
				method: 'POST',
				headers: { 'api-key': 'atlas-secret-KEY-sync', 'content-type': 'application/octet-stream' },
				body: Buffer.from('portal copy'),
			},
		);
		emulator().clearRequests();
		const [again] = await run(sync(), { items: folder({ 'prices.md': 'v1' }), staticData });
		assert.equal(again.json.status, 'unchanged');
		assert.equal((again.json.detachedDuplicateIds as string[]).length, 1);
		assert.equal(uploads().length, 0);
		assert.deepEqual(
			(await agentKnowledge(emulator().origin, 'cmp_sales')).map((k) => k.text),
			['v1'],
		);
	});

	it('a name twice in the input fails the second item; removal spares it', async () => {
		const staticData: IDataObject = {};
		await run(sync(), { items: folder({ 'a.md': 'A', 'b.md': 'B' }), staticData });
		const out = await run(sync({ removal: 'detach' }), {
			items: [file('a.md', 'A'), file('a.md', 'A2')],
			staticData,
		});
		const failed = out.find((i) => i.json.status === 'failed');
		assert.deepEqual(failed?.pairedItem, { item: 1 });
		assert.match(String(failed?.json.error), /"a\.md" is in the input twice/);
		assert.deepEqual(
			out.filter((i) => i.json.status === 'removed').map((i) => i.json.fileName),
			['b.md'],
		);
	});

	it('runs once even with Continue On Fail when the run itself fails (one error item)', async () => {
		const out = await run(sync({ campaign: rl('cmp_nope') }), {
			items: folder({ 'a.md': 'A', 'b.md': 'B' }),
			continueOnFail: true,
		});
		assert.equal(out.length, 1);
		assert.match(String(out[0].json.error), /cmp_nope/);
		assert.equal(
			emulator().requests({ method: 'GET', route: 'GET /knowledgebase/:campaignId' }).length,
			1,
		);
	});
});
