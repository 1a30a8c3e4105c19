// The emulator playing the Atlas agent (agent.ts): what it sends, what it records, Synchronous
// Mode off, the action's timeout. Against a local server standing in for n8n.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import { callAction } from './agent';
import { startEmulator, type Emulator } from './index';

const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> =
	[];
const server = createServer((req, res) => {
	let body = '';
	req.on('data', (c) => (body += c));
	req.on('end', () => {
		seen.push({ method: req.method, url: req.url, headers: req.headers, body });
		const delay = req.url?.includes('slow') ? 400 : 0;
		setTimeout(() => {
			if (req.url?.includes('text')) {
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end('plain');
			} else {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ free: ['10:00'] }));
			}
		}, delay);
	});
});
let origin: string;
let emu: Emulator;

before(async () => {
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	emu = await startEmulator({ apiKey: 'k' });
});
after(async () => {
	server.closeAllConnections();
	await new Promise<void>((r) => server.close(() => r()));
	await emu.close();
});

describe('the emulator plays the agent', () => {
	it('sends what Atlas sends and records the answer, never a header value', async () => {
		const result = await callAction({
			url: `${origin}/a?action=check`,
			headers: { 'X-Atlas-Secret': 's3cret-value' },
			callId: 'c1',
			parameters: { date: '2026-12-03' },
		});
		const got = seen.at(-1)!;
		assert.equal(got.method, 'POST');
		assert.equal(got.headers['x-atlas-secret'], 's3cret-value');
		assert.deepEqual(JSON.parse(got.body), {
			callId: 'c1',
			campaignId: 'cmp_sales',
			customerPhoneNumber: '+14155550123',
			customerName: 'Dana Whitfield',
			parameters: { date: '2026-12-03' },
		});
		assert.equal(result.accepted, true);
		assert.deepEqual(result.answer, { free: ['10:00'] });
		assert.ok(!JSON.stringify(result).includes('s3cret-value'));
	});

	it('an answer that is not JSON is not accepted', async () => {
		const result = await callAction({ url: `${origin}/text` });
		assert.equal(result.accepted, false);
		assert.equal(result.answer, 'plain');
	});

	it("the action's timeout, and Synchronous Mode off", async () => {
		const late = await callAction({ url: `${origin}/slow`, timeoutSeconds: 0.1 });
		assert.equal(late.timedOut, true);
		assert.equal(late.status, null);
		const async = await callAction({ url: `${origin}/slow`, synchronous: false });
		assert.equal(async.status, null, 'returned before the answer');
		await new Promise((r) => setTimeout(r, 600));
		assert.equal(async.status, 200, 'the answer is recorded when it comes');
	});

	it('through the control API', async () => {
		const played = await fetch(`${emu.origin}/__emulator/action`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: `${origin}/b`, method: 'GET', parameters: { orderId: 42 } }),
		}).then(async (r) => (await r.json()) as Record<string, unknown>);
		assert.equal(played.accepted, true);
		assert.equal(seen.at(-1)!.url, '/b?orderId=42');
		const log = await fetch(`${emu.origin}/__emulator/actions`).then(
			async (r) => (await r.json()) as unknown[],
		);
		assert.ok(log.length >= 4);
	});
});
