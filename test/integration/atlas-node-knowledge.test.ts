// Knowledge: every single operation and its errors, binary input included, through n8n's real
// engine against the Atlas emulator (which keeps the bytes: agentKnowledge()). Sync: the
// -sync test file. The harness must be imported before anything that loads n8n-core.
import { file, knowledgeHarness, rl } from '../helpers/knowledge';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { agentKnowledge, KNOWLEDGE_MAX_BYTES } from '../emulator/knowledge';

const { emulator, run, fails, uploads } = knowledgeHarness('atlas-secret-KEY-knowledge');

describe('Knowledge: single operations', () => {
	it('Upload File sends the binary as bytes with filename and campaignId; the agent knows it', async () => {
		const [item] = await run(
			{ operation: 'uploadFile', campaign: rl('cmp_sales') },
			{ items: [file('prices.md', '# Prices\nSolar panel: $400')] },
		);
		assert.equal(item.json.fileName, 'prices.md');
		assert.equal(item.json.campaignId, 'cmp_sales');
		assert.ok(item.json.knowledgeId);
		const [known] = await agentKnowledge(emulator().origin, 'cmp_sales');
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
		const names = (await agentKnowledge(emulator().origin)).map((k) => k.fileName).sort();
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
			(await agentKnowledge(emulator().origin, 'cmp_support'))[0].text,
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
			(await agentKnowledge(emulator().origin, 'cmp_sales'))[0].sourceUrl,
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
		assert.equal((await agentKnowledge(emulator().origin, 'cmp_support')).length, 0);
		await run({ operation: 'addToCollection', knowledgeId, collection: 'Pricing' });
		assert.deepEqual((await agentKnowledge(emulator().origin))[0].tags, ['Pricing']);
		await run({ operation: 'removeFromCollection', knowledgeId, collection: 'Pricing' });
		assert.deepEqual((await agentKnowledge(emulator().origin))[0].tags, []);
		assert.match(
			await fails({ operation: 'getLinkedCampaigns', knowledgeId: 'kb_nope' }),
			/kb_nope/,
		);
	});

	it('Delete needs Allow This Node to Act (not settable by an expression), then deletes by name', async () => {
		await run({ operation: 'uploadText', fileName: 'old.md', text: 'old' });
		assert.match(
			await fails({ operation: 'delete', fileName: 'old.md' }),
			/This node is not allowed to delete knowledge files/,
		);
		// neither an expression nor an AI agent's $fromAI can delete or turn Sync's removal on
		for (const name of ['confirmed', 'removal', 'maxRemovals']) {
			const property = new Atlas().description.properties.find((p) => p.name === name);
			assert.equal(property?.noDataExpression, true, name);
		}
		assert.equal(emulator().requests({ method: 'DELETE' }).length, 0);
		const [item] = await run({ operation: 'delete', fileName: 'old.md', confirmed: true });
		assert.equal(item.json.deleted, true);
		assert.deepEqual(await agentKnowledge(emulator().origin), []);
		assert.match(
			await fails({ operation: 'delete', fileName: 'old.md', confirmed: true }),
			/old\.md/,
		);
	});
});
