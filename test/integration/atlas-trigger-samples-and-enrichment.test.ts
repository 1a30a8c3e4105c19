// Atlas Trigger: Send Sample When Listening, Fetch Full Call Record,
// Drop Events Atlas Does Not Confirm, Download Recording + Max Recording Size. Everything runs
// through n8n-core's real contexts (test/helpers/engine.ts) against the in-process emulator.
// "Listen for test event" is played by a small HTTP server standing in for n8n's webhook
// server: it hands each POST to webhook() (test URL: mode manual; production URL: mode
// webhook) with the static data create() wrote, exactly as n8n would.
// The harness must be imported before anything that loads n8n-core.
import {
	DEFAULT_WEBHOOK_ID,
	registerCredentialTypes,
	runHook,
	runWebhook,
} from '../helpers/engine';

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'AtlasTrigger.node' to the codex file AtlasTrigger.node.json
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { deriveToken, hashToken } from '../../nodes/AtlasTrigger/activation/token';
import { SAMPLE_CALL_ID, SAMPLE_MESSAGE_ID } from '../../nodes/AtlasTrigger/sample/builtIn';
import { FAKE_MP3, startEmulator } from '../emulator';
import type { Emulator } from '../emulator';

const API_KEY = 'features-key';
const trigger = new AtlasTrigger();
let emu: Emulator;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor<T>(
	fn: () => T | undefined | false,
	what: string,
	timeout = 15_000,
): Promise<T> {
	const end = Date.now() + timeout;
	for (;;) {
		const value = fn();
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(25);
	}
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

async function close(server: Server | undefined): Promise<void> {
	if (!server) return;
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

function readBody(req: import('node:http').IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const credentials = () => ({ atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } });

// ---------------------------------------------------------------------------------------------
// a stand-in for n8n's webhook server

interface Received {
	test: boolean;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	status: number;
	body: IDataObject;
	items: INodeExecutionData[] | undefined;
	noWebhookResponse: boolean | undefined;
}

class N8nStandIn {
	server!: Server;
	base = '';
	received: Received[] = [];
	/** The node's static data, as n8n keeps it for the test run (create() writes the token). */
	staticData: IDataObject = {};

	constructor(readonly parameters: INodeParameters) {}

	async start() {
		this.server = createServer((req, res) => {
			void (async () => {
				const raw = await readBody(req);
				const url = new URL(req.url ?? '/', this.base);
				const test = url.pathname.startsWith('/webhook-test/');
				const query = Object.fromEntries(url.searchParams);
				const run = await runWebhook(trigger, {
					parameters: this.parameters,
					credentials: credentials(),
					staticData: this.staticData,
					isTest: test,
					webhookBaseUrl: this.base,
					request: {
						method: 'POST',
						query,
						headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
						rawBody: raw,
						body: raw.length ? JSON.parse(raw.toString()) : undefined,
					},
				});
				const items = run.result.workflowData?.[0] as INodeExecutionData[] | undefined;
				this.received.push({
					test,
					query,
					headers: req.headers,
					status: run.response.status,
					body: run.response.body as IDataObject,
					items,
					noWebhookResponse: run.result.noWebhookResponse,
				});
				res.writeHead(run.response.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(run.response.body));
			})().catch((error: Error) => {
				res.writeHead(500);
				res.end(String(error.stack));
			});
		});
		const port = await listen(this.server);
		this.base = `http://127.0.0.1:${port}/`;
		return this;
	}

	get testUrl() {
		return `${this.base}webhook-test/${DEFAULT_WEBHOOK_ID}/atlas`;
	}

	get prodUrl() {
		return `${this.base}webhook/${DEFAULT_WEBHOOK_ID}/atlas`;
	}

	/** create() as "Listen for test event" does it. */
	async listen() {
		return await runHook(trigger, 'create', {
			webhookMode: 'manual',
			parameters: this.parameters,
			credentials: credentials(),
			staticData: this.staticData,
			webhookBaseUrl: this.base,
		});
	}

	/** create() as activating the workflow does it. */
	async activate() {
		return await runHook(trigger, 'create', {
			webhookMode: 'activate',
			parameters: this.parameters,
			credentials: credentials(),
			staticData: this.staticData,
			webhookBaseUrl: this.base,
		});
	}

	async stop() {
		await runHook(trigger, 'delete', {
			parameters: this.parameters,
			credentials: credentials(),
			staticData: this.staticData,
			webhookBaseUrl: this.base,
		}).catch(() => undefined);
		await close(this.server);
	}
}

// ---------------------------------------------------------------------------------------------
// deliveries straight into webhook() (production URL, mode webhook)

async function activated(parameters: INodeParameters): Promise<IDataObject> {
	const run = await runHook(trigger, 'create', {
		parameters,
		credentials: credentials(),
		staticData: {},
	});
	return run.staticData;
}

/** The activation's token: derived from the nonce with the api-key, as the trigger does. */
function tokenOf(staticData: IDataObject): string {
	return deriveToken(API_KEY, String(staticData.nonce));
}

let workflows = 0;

async function deliver(
	parameters: INodeParameters,
	staticData: IDataObject,
	event: string,
	body: unknown,
	extraQuery: Record<string, string> = {},
) {
	const run = await runWebhook(trigger, {
		parameters,
		credentials: credentials(),
		staticData,
		workflowId: `wf-features-${++workflows}`,
		request: {
			method: 'POST',
			query: { event, token: tokenOf(staticData), ...extraQuery },
			headers: { 'content-type': 'application/json' },
			body,
		},
	});
	return {
		status: run.response.status,
		report: run.response.body as IDataObject,
		ended: run.response.ended,
		result: run.result,
		staticDataChanged: run.staticDataChanged,
		items: run.result.workflowData?.[0] as INodeExecutionData[] | undefined,
	};
}

function bytesOf(binary: IBinaryData | undefined): Buffer {
	assert.ok(binary, 'binary data present');
	// n8n's default binary mode keeps the bytes in the item, base64
	return Buffer.from(binary.data, 'base64');
}

function callEvent(callId: string, over: IDataObject = {}): IDataObject {
	return {
		callId,
		campaignId: 'cmp_support',
		customerPhoneNumber: '+13125550199',
		customerName: 'Erin Example',
		startedAt: '2025-05-01T10:00:00.000Z',
		endedAt: '2025-05-01T10:02:00.000Z',
		summary: 'From the event',
		...over,
	};
}

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ port: 0, apiKey: API_KEY });
});
after(async () => {
	await emu.close();
});
beforeEach(() => {
	emu.clearFaults();
	emu.clearRequests();
});

// ---------------------------------------------------------------------------------------------

describe('Atlas Trigger: Send Sample When Listening', () => {
	let standIn: N8nStandIn | undefined;
	afterEach(async () => {
		await standIn?.stop();
		standIn = undefined;
	});

	it('"Listen for test event" delivers one sample per selected event at once, from Atlas\'s sample endpoint, marked as samples', async () => {
		standIn = await new N8nStandIn({
			events: ['call_completed', 'message_received'],
			campaignScope: 'all',
		}).start();
		const created = await standIn.listen();
		assert.equal(created.result, true);
		assert.equal(
			standIn.received.length,
			0,
			'create() does not wait for the POST: the sample comes in the background, after it returned',
		);

		const got = await waitFor(() => standIn!.received[0], 'the sample delivery');
		assert.equal(got.test, true, 'to the test URL');
		assert.equal(got.query.sample, '1');
		assert.equal(got.query.token, tokenOf(standIn.staticData), 'the token derived from the nonce');
		assert.equal(hashToken(String(got.query.token)), standIn.staticData.tokenHash);
		assert.ok(
			!JSON.stringify(standIn.staticData).includes(String(got.query.token)),
			'the token is not in static data',
		);
		assert.equal(got.headers['api-key'], undefined, 'no Atlas api-key sent to n8n');
		assert.equal(got.status, 200);
		assert.equal(got.noWebhookResponse, true);
		assert.deepEqual(got.body, { received: 2, accepted: 2, duplicates: 0, ignored: 0, invalid: 0 });

		const items = got.items!.map((i) => i.json);
		assert.deepEqual(
			items.map((i) => [i.event, i.sample, i.sampleSource]),
			[
				['call_completed', true, 'atlas'],
				['message_received', true, 'atlas'],
			],
		);
		assert.ok(
			items.every((i) => typeof i.sampleNote === 'string' && /sample/i.test(String(i.sampleNote))),
		);
		// the endpoint's samples are built from the campaign's real records
		const call = items[0];
		assert.ok(
			emu.calls.some((c) => c.id === call.callId),
			'a real call of the account',
		);
		assert.equal(typeof call.summary, 'string');
		assert.ok(Array.isArray(call.messages) && (call.messages as unknown[]).length > 0);
		assert.equal(typeof items[1].message, 'string');

		const asked = emu.requests({ route: 'GET /events-gateway/trigger/sample' });
		assert.deepEqual(
			asked.map((r) => [r.query.triggerName, r.query.campaignId, r.apiKeyValid]),
			[
				['call_completed', '*', true],
				['message_received', '*', true],
			],
		);
		await sleep(300);
		assert.equal(standIn.received.length, 1, 'one sample delivery, one execution');
	});

	it("asks for the chosen campaign's sample", async () => {
		standIn = await new N8nStandIn({
			events: ['call_started'],
			campaignScope: 'selected',
			campaignIds: ['cmp_support', 'cmp_sales'],
		}).start();
		await standIn.listen();
		const got = await waitFor(() => standIn!.received[0], 'the sample delivery');
		assert.deepEqual(
			got.items!.map((i) => [i.json.event, i.json.campaignId, i.json.sampleSource]),
			[['call_started', 'cmp_support', 'atlas']],
		);
		assert.equal(
			emu.requests({ route: 'GET /events-gateway/trigger/sample' })[0].query.campaignId,
			'cmp_support',
		);
	});

	it("falls back to a built-in realistic sample when Atlas's sample endpoint fails", async () => {
		emu.setFault({ path: '/events-gateway/trigger/sample', type: '500', count: -1 });
		standIn = await new N8nStandIn({
			events: ['call_completed', 'message_sent'],
			campaignScope: 'all',
		}).start();
		await standIn.listen();
		const got = await waitFor(() => standIn!.received[0], 'the sample delivery', 30_000);
		const items = got.items!.map((i) => i.json);
		assert.deepEqual(
			items.map((i) => [i.event, i.sampleSource, i.sample]),
			[
				['call_completed', 'built-in', true],
				['message_sent', 'built-in', true],
			],
		);
		const call = items[0];
		assert.equal(call.callId, SAMPLE_CALL_ID);
		assert.match(String(call.summary), /book/);
		assert.ok(String(call.transcript).includes('\n'));
		assert.equal((call.messages as unknown[]).length, 6);
		assert.equal(call.status, 'completed');
		assert.equal(typeof call.recordingUrl, 'string');
		assert.equal(typeof call.durationSeconds, 'number');
		assert.equal(items[1].messageId, SAMPLE_MESSAGE_ID);
		assert.equal(typeof items[1].time, 'string');
	});

	it('a built-in sample with Fetch Full Call Record and Download Recording: a record to map, no lookup, no download', async () => {
		emu.setFault({ path: '/events-gateway/trigger/sample', type: '500', count: -1 });
		standIn = await new N8nStandIn({
			events: ['call_completed'],
			campaignScope: 'all',
			options: { fetchCallRecord: true, dropUnconfirmed: true, downloadRecording: true },
		}).start();
		await standIn.listen();
		const got = await waitFor(() => standIn!.received[0], 'the sample delivery', 30_000);
		const [item] = got.items!;
		assert.equal(
			(item.json.callRecord as IDataObject).callId,
			SAMPLE_CALL_ID,
			'not dropped, record from the sample',
		);
		assert.match(String(item.json.recordingError), /sample/);
		assert.equal(emu.requests({ route: 'GET /call/:id' }).length, 0);
	});

	it('is not sent when the option is off: real events reach the test URL as before', async () => {
		standIn = await new N8nStandIn({
			events: ['call_completed'],
			campaignScope: 'all',
			options: { sendSample: false },
		}).start();
		await standIn.listen();
		await sleep(1_500);
		assert.equal(standIn.received.length, 0);
		assert.equal(emu.requests({ route: 'GET /events-gateway/trigger/sample' }).length, 0);
		const fired = await emu.fire('call_completed', { campaignId: 'cmp_sales' });
		assert.deepEqual(
			fired.deliveries.map((d) => d.status),
			[200],
		);
		const got = await waitFor(() => standIn!.received[0], 'the real delivery');
		assert.equal(got.test, true);
		assert.equal(got.items![0].json.callId, (fired.events[0] as IDataObject).callId);
		assert.equal(got.items![0].json.sample, undefined);
	});

	it('is never sent on activation (production)', async () => {
		standIn = await new N8nStandIn({ events: ['call_completed'], campaignScope: 'all' }).start();
		await standIn.activate();
		await sleep(1_500);
		assert.equal(standIn.received.length, 0);
		assert.equal(emu.requests({ route: 'GET /events-gateway/trigger/sample' }).length, 0);
	});

	it('the production URL refuses a sample delivery with 403 even with the right token, and starts nothing', async () => {
		const parameters = { events: ['call_completed'], campaignScope: 'all' };
		const staticData = await activated(parameters);
		const body = {
			atlasTriggerSample: 1,
			samples: [{ event: 'call_completed', source: 'atlas', payload: callEvent('call_forged') }],
		};
		const d = await deliver(parameters, staticData, 'call_completed', body, { sample: '1' });
		assert.equal(d.status, 403);
		assert.match(String(d.report.message), /only on the test URL/);
		assert.equal(d.result.workflowData, undefined);
		assert.equal(d.result.noWebhookResponse, true);
		// and a wrong token is still 401 first
		const wrong = await runWebhook(trigger, {
			parameters,
			credentials: credentials(),
			staticData,
			isTest: true,
			request: {
				method: 'POST',
				query: { sample: '1', token: 'nope' },
				headers: { 'content-type': 'application/json' },
				body,
			},
		});
		assert.equal(wrong.response.status, 401);
		assert.equal(wrong.result.workflowData, undefined);
	});

	it('a sample delivery whose body is not a sample envelope is refused with 400', async () => {
		const parameters = { events: ['call_completed'], campaignScope: 'all' };
		const staticData = await activated(parameters);
		const run = await runWebhook(trigger, {
			parameters,
			credentials: credentials(),
			staticData,
			isTest: true,
			request: {
				method: 'POST',
				query: { sample: '1', token: tokenOf(staticData) },
				headers: { 'content-type': 'application/json' },
				body: [callEvent('call_x')],
			},
		});
		assert.equal(run.response.status, 400);
		assert.equal(run.result.workflowData, undefined);
	});
});

describe('Atlas Trigger: Fetch Full Call Record and Drop Events Atlas Does Not Confirm', () => {
	const params = (options: IDataObject): INodeParameters => ({
		events: ['call_completed', 'call_started', 'message_received'],
		campaignScope: 'all',
		options: options as INodeParameters,
	});
	let staticData: IDataObject;
	before(async () => {
		staticData = await activated(params({}));
	});

	it('adds the call record (conversation messages, summary, recording URL, status) under callRecord', async () => {
		const record = emu.calls.find((c) => c.messages.length > 1 && c.recordingUrl)!;
		const d = await deliver(
			params({ fetchCallRecord: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent(record.id)],
		);
		assert.equal(d.status, 200);
		assert.equal(d.ended, true);
		assert.equal(
			d.result.noWebhookResponse,
			true,
			'the node answered itself (static data is saved)',
		);
		assert.equal(d.staticDataChanged, true, 'the de-duplication record is still written');
		assert.deepEqual(d.report, {
			received: 1,
			accepted: 1,
			duplicates: 0,
			ignored: 0,
			invalid: 0,
			toConfirm: 1,
		});
		const [item] = d.items!;
		const rec = item.json.callRecord as IDataObject;
		assert.equal(item.json.callRecordError, undefined);
		assert.equal(item.json.summary, 'From the event', 'the event itself is unchanged');
		assert.equal(rec.callId, record.id);
		assert.equal(rec.summary, record.summary);
		assert.equal(rec.status, record.status);
		assert.equal(rec.recordingUrl, record.recordingUrl);
		assert.equal(rec.endedReason, record.endedReason);
		assert.deepEqual(
			(rec.messages as IDataObject[]).map((t) => [t.role, t.message]),
			record.messages.map((m) => [m.role, m.message]),
		);
		assert.equal(typeof rec.transcript, 'string');
		const lookups = emu.requests({ route: 'GET /call/:id' });
		assert.deepEqual(
			lookups.map((r) => [r.path, r.apiKeyValid]),
			[[`/v1/api/call/${record.id}`, true]],
		);
	});

	it('looks up call_started too, never messages; a batch is looked up with bounded concurrency, in order', async () => {
		const ids = emu.calls.slice(0, 6).map((c) => c.id);
		emu.setLatency(100, '/call/:id');
		try {
			const d = await deliver(
				params({ fetchCallRecord: true }),
				structuredClone(staticData),
				'call_started',
				ids.map((id) => callEvent(id)),
			);
			assert.deepEqual(
				d.items!.map((i) => (i.json.callRecord as IDataObject).callId),
				ids,
			);
		} finally {
			emu.setLatency(0, '/call/:id');
		}
		const m = await deliver(
			params({ fetchCallRecord: true }),
			structuredClone(staticData),
			'message_received',
			[
				{
					campaignId: 'cmp_chat',
					customerNumber: '+1555',
					receivedAt: '2025-01-01T00:00:00Z',
					message: 'hi',
				},
			],
		);
		assert.equal(m.items![0].json.callRecord, undefined);
		assert.equal(m.report.toConfirm, undefined);
		assert.equal(emu.requests({ route: 'GET /call/:id' }).length, 6);
	});

	it('404 with Drop Events Atlas Does Not Confirm: the event is dropped (logged), the others go on', async () => {
		const known = emu.calls[0].id;
		const d = await deliver(
			params({ fetchCallRecord: true, dropUnconfirmed: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_forged_1'), callEvent(known)],
		);
		assert.equal(d.status, 200);
		assert.equal(d.report.toConfirm, 2);
		assert.deepEqual(
			d.items!.map((i) => i.json.callId),
			[known],
		);
		const alone = await deliver(
			params({ fetchCallRecord: true, dropUnconfirmed: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_forged_2')],
		);
		assert.equal(alone.status, 200);
		assert.equal(alone.result.workflowData, undefined, 'no execution at all');
		assert.equal(alone.result.noWebhookResponse, true);
	});

	it('404 without the drop option: the event is kept with callRecordError', async () => {
		const d = await deliver(
			params({ fetchCallRecord: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_unknown_1')],
		);
		const [item] = d.items!;
		assert.equal(item.json.callId, 'call_unknown_1');
		assert.equal(item.json.callRecord, undefined);
		assert.match(String(item.json.callRecordError), /no call with ID "call_unknown_1" \(404\)/);
	});

	it('Atlas failing (500) never drops the event, even with the drop option: kept with the reason', async () => {
		emu.setFault({ path: '/call/:id', type: '500', count: -1 });
		const d = await deliver(
			params({ fetchCallRecord: true, dropUnconfirmed: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent(emu.calls[0].id)],
		);
		const [item] = d.items!;
		assert.equal(item.json.callRecord, undefined);
		assert.match(
			String(item.json.callRecordError),
			/could not be fetched: Atlas had an internal error \(HTTP 500\)/,
		);
		assert.ok(emu.requests({ route: 'GET /call/:id' }).length >= 2, 'retried like every read');
	});

	it('the option off: no lookup at all', async () => {
		const d = await deliver(params({}), structuredClone(staticData), 'call_completed', [
			callEvent(emu.calls[0].id),
		]);
		assert.equal(d.items![0].json.callRecord, undefined);
		assert.equal(d.report.toConfirm, undefined);
		assert.equal(emu.requests({ route: 'GET /call/:id' }).length, 0);
	});

	it('invalid events are emitted as before, without a lookup', async () => {
		const d = await deliver(
			params({ fetchCallRecord: true, dropUnconfirmed: true }),
			structuredClone(staticData),
			'call_completed',
			[42, { campaignId: 'x' }],
		);
		assert.deepEqual(
			d.items!.map((i) => typeof i.json.error),
			['string', 'string'],
		);
		assert.equal(emu.requests({ route: 'GET /call/:id' }).length, 0);
	});
});

describe('Atlas Trigger: Download Recording', () => {
	const params = (options: IDataObject): INodeParameters => ({
		events: ['call_completed', 'call_started'],
		campaignScope: 'all',
		options: options as INodeParameters,
	});
	let staticData: IDataObject;
	let foreign: Server;
	let foreignOrigin: string;
	const foreignHits: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
	const BIG = Buffer.alloc(Math.floor(1.5 * 1024 * 1024), 7);

	before(async () => {
		staticData = await activated(params({}));
		foreign = createServer((req, res) => {
			foreignHits.push({ path: req.url ?? '', headers: req.headers });
			if (req.url === '/redirect.mp3') {
				res.writeHead(302, { location: '/files/abc.mp3' });
				res.end();
			} else if (req.url === '/files/abc.mp3') {
				res.writeHead(200, {
					'content-type': 'audio/mpeg',
					'content-length': String(FAKE_MP3.length),
				});
				res.end(FAKE_MP3);
			} else if (req.url === '/big.mp3') {
				res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(BIG.length) });
				res.end(BIG);
			} else if (req.url === '/big-chunked.mp3') {
				// no content-length: the limit must hold while streaming
				res.writeHead(200, { 'content-type': 'audio/mpeg' });
				for (let i = 0; i < 3; i++) res.write(BIG.subarray(0, 512 * 1024));
				res.end();
			} else if (req.url === '/wav') {
				res.writeHead(200, { 'content-type': 'audio/wav; charset=binary' });
				res.end(FAKE_MP3);
			} else {
				res.writeHead(404);
				res.end();
			}
		});
		foreignOrigin = `http://127.0.0.1:${await listen(foreign)}`;
	});
	after(async () => {
		await close(foreign);
	});
	beforeEach(() => {
		foreignHits.length = 0;
	});

	it('puts the recording into binary property "recording", <callId>.mp3, the exact bytes and the mime type of the answer', async () => {
		const callId = 'call_rec_1';
		const d = await deliver(
			params({ downloadRecording: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent(callId, { recordingUrl: `${emu.origin}/recordings/${callId}.mp3` })],
		);
		assert.equal(d.status, 200);
		const [item] = d.items!;
		assert.equal(item.json.recordingError, undefined);
		const binary = item.binary?.recording;
		assert.ok(bytesOf(binary).equals(FAKE_MP3), 'the bytes served');
		assert.equal(binary!.fileName, `${callId}.mp3`);
		assert.equal(binary!.mimeType, 'audio/mpeg');
		// the credential's own host: fetched like any Atlas call, with the credential
		const fetched = emu.requests({ path: `/recordings/${callId}.mp3` });
		assert.equal(fetched.length, 1);
		assert.equal(fetched[0].apiKeyValid, true);
	});

	it("uses the looked-up record's recording URL with Fetch Full Call Record (the event may have none)", async () => {
		const record = emu.calls.find((c) => c.recordingUrl)!;
		const d = await deliver(
			params({ downloadRecording: true, fetchCallRecord: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent(record.id)],
		);
		const [item] = d.items!;
		assert.equal((item.json.callRecord as IDataObject).recordingUrl, record.recordingUrl);
		assert.ok(bytesOf(item.binary?.recording).equals(FAKE_MP3));
		assert.equal(item.binary!.recording.fileName, `${record.id}.mp3`);
	});

	it("never sends the api-key to a recording host other than Atlas's (redirects included)", async () => {
		const d = await deliver(
			params({ downloadRecording: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_rec_2', { recordingUrl: `${foreignOrigin}/redirect.mp3` })],
		);
		const [item] = d.items!;
		assert.equal(item.json.recordingError, undefined);
		assert.ok(bytesOf(item.binary?.recording).equals(FAKE_MP3));
		assert.deepEqual(
			foreignHits.map((h) => h.path),
			['/redirect.mp3', '/files/abc.mp3'],
		);
		for (const hit of foreignHits) {
			assert.equal(hit.headers['api-key'], undefined, `no api-key on ${hit.path}`);
			assert.ok(
				!JSON.stringify(hit.headers).includes(API_KEY),
				`the key nowhere in the headers of ${hit.path}`,
			);
		}
	});

	it('takes the mime type from the answer', async () => {
		const d = await deliver(
			params({ downloadRecording: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_rec_wav', { recordingUrl: `${foreignOrigin}/wav` })],
		);
		assert.equal(d.items![0].binary!.recording.mimeType, 'audio/wav');
		assert.equal(d.items![0].binary!.recording.fileName, 'call_rec_wav.mp3');
	});

	it('over Max Recording Size: the event is kept with recordingError (declared size and streamed size)', async () => {
		for (const path of ['/big.mp3', '/big-chunked.mp3']) {
			const d = await deliver(
				params({ downloadRecording: true, maxRecordingSizeMb: 1 }),
				structuredClone(staticData),
				'call_completed',
				[callEvent(`call_big_${path.length}`, { recordingUrl: `${foreignOrigin}${path}` })],
			);
			const [item] = d.items!;
			assert.equal(item.binary, undefined, path);
			assert.match(
				String(item.json.recordingError),
				/larger than the limit .*1\.0 MB.*Max Recording Size/,
				path,
			);
		}
		// the default (25 MB) takes it
		const ok = await deliver(
			params({ downloadRecording: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_big_ok', { recordingUrl: `${foreignOrigin}/big.mp3` })],
		);
		assert.ok(bytesOf(ok.items![0].binary?.recording).equals(BIG));
	});

	it('a failed download keeps the event with recordingError', async () => {
		emu.setFault({ path: '/recordings/:callId.mp3', type: '500', count: -1 });
		const cases: Array<[string, RegExp]> = [
			[`${emu.origin}/recordings/call_fail.mp3`, /HTTP 500/],
			[`${foreignOrigin}/missing.mp3`, /HTTP 404/],
			[
				'http://127.0.0.1:1/nothing.mp3',
				/could not be downloaded from 127\.0\.0\.1:1 \(connection refused\)/,
			],
			['not a url', /not a valid URL/],
		];
		for (const [url, reason] of cases) {
			const d = await deliver(
				params({ downloadRecording: true }),
				structuredClone(staticData),
				'call_completed',
				[callEvent(`call_fail_${url.length}`, { recordingUrl: url })],
			);
			assert.equal(d.items!.length, 1, url);
			assert.equal(d.items![0].binary, undefined);
			assert.match(String(d.items![0].json.recordingError), reason, url);
		}
		const none = await deliver(
			params({ downloadRecording: true }),
			structuredClone(staticData),
			'call_completed',
			[callEvent('call_no_rec')],
		);
		assert.match(String(none.items![0].json.recordingError), /no recording URL/);
	});

	it('only for call_completed; off by default', async () => {
		const started = await deliver(
			params({ downloadRecording: true }),
			structuredClone(staticData),
			'call_started',
			[callEvent('call_rec_started', { recordingUrl: `${foreignOrigin}/files/abc.mp3` })],
		);
		assert.equal(started.items![0].binary, undefined);
		assert.equal(started.items![0].json.recordingError, undefined);
		const off = await deliver(params({}), structuredClone(staticData), 'call_completed', [
			callEvent('call_rec_off', { recordingUrl: `${foreignOrigin}/files/abc.mp3` }),
		]);
		assert.equal(off.items![0].binary, undefined);
		assert.equal(foreignHits.length, 0);
	});
});
