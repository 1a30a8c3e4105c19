// The emulator's knowledge base: Atlas's limits and failure modes, the bytes kept, and what an
// agent would now know (GET /__emulator/knowledge).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { startEmulator, type Emulator } from '.';
import { agentKnowledge, KNOWLEDGE_MAX_BYTES } from './knowledge';

const KEY = 'kb-key';
let emu: Emulator;

async function call(method: string, path: string, init: { body?: unknown; bytes?: Buffer } = {}) {
	const res = await fetch(`${emu.baseUrl}${path}`, {
		method,
		headers: {
			'api-key': KEY,
			'content-type': init.bytes ? 'application/octet-stream' : 'application/json',
		},
		body: init.bytes ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const upload = (name: string, bytes: Buffer, campaignId?: string) =>
	call(
		'POST',
		`/knowledgebase/upload?filename=${encodeURIComponent(name)}${campaignId ? `&campaignId=${campaignId}` : ''}`,
		{ bytes },
	);

before(async () => (emu = await startEmulator({ apiKey: KEY })));
after(async () => await emu.close());
beforeEach(() => emu.reset());

describe('emulator: knowledge base', () => {
	it('keeps the uploaded bytes and answers {filePath, filename, knowledgeId}', async () => {
		const res = await upload('faq.md', Buffer.from('# FAQ\nOpen 9-5'), 'cmp_sales');
		assert.equal(res.status, 201);
		assert.equal(res.body.filename, 'faq.md');
		assert.ok(res.body.knowledgeId);
		const [known] = await agentKnowledge(emu.origin, 'cmp_sales');
		assert.equal(known.text, '# FAQ\nOpen 9-5');
		assert.deepEqual(known.campaignIds, ['cmp_sales']);
		const listed = await call('GET', '/knowledgebase/cmp_sales');
		assert.equal(listed.body[0].RowKey, res.body.knowledgeId);
		assert.equal(listed.body[0].FileName, 'faq.md');
		assert.equal(listed.body[0].Size, 14);
	});

	it('refuses over 10 MB (413), an unknown format (400), an unknown campaign (404), no name (400)', async () => {
		assert.equal((await upload('big.pdf', Buffer.alloc(KNOWLEDGE_MAX_BYTES + 1, 1))).status, 413);
		assert.equal((await upload('ok.pdf', Buffer.alloc(KNOWLEDGE_MAX_BYTES, 1))).status, 201);
		assert.equal((await upload('sheet.xlsx', Buffer.from('x'))).status, 400);
		assert.equal((await upload('a.md', Buffer.from('x'), 'cmp_nope')).status, 404);
		assert.equal(
			(await call('POST', '/knowledgebase/upload', { bytes: Buffer.from('x') })).status,
			400,
		);
		assert.equal((await call('GET', '/knowledgebase/cmp_nope')).status, 404);
		assert.equal((await agentKnowledge(emu.origin)).length, 1);
	});

	it('attaches, detaches, lists linked campaigns, tags, deletes by name; unknown files are 404', async () => {
		const id = (await upload('p.txt', Buffer.from('prices'))).body.knowledgeId as string;
		assert.equal((await call('POST', `/knowledgebase/cmp_sales/${id}`)).status, 201);
		assert.equal((await call('POST', `/knowledgebase/cmp_support/${id}`)).status, 201);
		const linked = await call('GET', `/knowledgebase/${id}/campaigns`);
		assert.deepEqual(
			linked.body.map((c: { campaignId: string }) => c.campaignId),
			['cmp_sales', 'cmp_support'],
		);
		assert.equal((await call('DELETE', `/knowledgebase/cmp_support/${id}`)).status, 200);
		assert.equal((await call('DELETE', `/knowledgebase/cmp_support/${id}`)).status, 404);
		assert.equal((await call('POST', `/knowledgebase/cmp_nope/${id}`)).status, 404);
		assert.equal(
			(await call('POST', `/knowledgebase/kb_nope/tag`, { body: { tagName: 'x' } })).status,
			404,
		);
		assert.equal(
			(await call('POST', `/knowledgebase/${id}/tag`, { body: { tagName: 'Pricing' } })).status,
			201,
		);
		assert.deepEqual((await agentKnowledge(emu.origin))[0].tags, ['Pricing']);
		assert.equal((await call('DELETE', `/knowledgebase/${id}/tag/Pricing`)).status, 200);
		assert.equal((await call('DELETE', '/knowledgebase?filename=nope.md')).status, 404);
		await upload('p.txt', Buffer.from('second copy'));
		const del = await call('DELETE', '/knowledgebase?filename=p.txt');
		assert.equal(del.body.deleted, 2, 'delete by name takes every file of that name');
		assert.deepEqual(await agentKnowledge(emu.origin), []);
	});

	it('reads a web page into a file (400 for a bad URL)', async () => {
		const res = await call('POST', '/knowledgebase/knowledge-extract', {
			body: { url: 'https://example.com/pricing', campaignId: 'cmp_sales' },
		});
		assert.equal(res.status, 201);
		const [known] = await agentKnowledge(emu.origin, 'cmp_sales');
		assert.equal(known.sourceUrl, 'https://example.com/pricing');
		const bad = await call('POST', '/knowledgebase/knowledge-extract', { body: { url: 'nope' } });
		assert.equal(bad.status, 400);
	});
});
