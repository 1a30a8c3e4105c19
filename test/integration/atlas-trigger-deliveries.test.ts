// Atlas Trigger deliveries: webhook() run through n8n-core's WebhookContext
// (test/helpers/engine.ts). The token comes from a real activation against the emulator.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runHook, runWebhook } from '../helpers/engine';
import type { HarnessRequestInit, RecordedResponse } from '../helpers/engine';

import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IWebhookResponseData,
} from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'AtlasTrigger.node' to the codex file AtlasTrigger.node.json
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { checkAndRecord, forgetScope, hashKey } from '../../nodes/AtlasTrigger/dedupe/dedupe';
import { recordKeys } from '../../nodes/AtlasTrigger/dedupe/seenRecord';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { pascalize } from '../emulator/shape';

const API_KEY = 'receive-key';
const NODE_NAME = 'Atlas Trigger';
const ALL_EVENTS = ['call_started', 'call_completed', 'message_received', 'message_sent'];

let emu: Emulator;
const trigger = new AtlasTrigger();
/** Static data after a real activation (all events, all campaigns). */
let activated: IDataObject;
let TOKEN: string;

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ port: 0, apiKey: API_KEY });
	const run = await runHook(trigger, 'create', {
		parameters: { events: ALL_EVENTS, campaignScope: 'all' },
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		staticData: {},
	});
	activated = run.staticData;
	// the token is not in static data (only its hash): it is read where Atlas has it
	TOKEN = String(new URL(emu.subscriptions()[0].hookUrl).searchParams.get('token'));
	assert.ok(TOKEN.length >= 22);
	assert.ok(!JSON.stringify(activated).includes(TOKEN), 'static data does not hold the token');
});
after(async () => {
	await emu.close();
});

// ---------------------------------------------------------------------------------------------
// helpers

interface Delivery {
	status: number;
	body: IDataObject;
	response: RecordedResponse;
	result: IWebhookResponseData;
	/** The items of the one execution started, or undefined when none was started. */
	items: IDataObject[] | undefined;
	staticDataChanged: boolean;
}

interface DeliverOptions {
	event?: string;
	/** `null` leaves the token out. */
	token?: string | string[] | null;
	/** Raw body text instead of `body`, with this content type. */
	raw?: string;
	contentType?: string;
	/** This request's own copy of static data (default: the receiver's). */
	staticData?: IDataObject;
}

let receivers = 0;

/**
 * One trigger node of one workflow (its own workflow id, so its de-duplication memory is its
 * own), with the parameters given and the static data of a real activation.
 */
function receiver(
	parameters: INodeParameters = { events: ALL_EVENTS, campaignScope: 'all' },
	typeVersion?: number,
) {
	const workflowId = `wf-receive-${++receivers}`;
	const r = {
		workflowId,
		// the de-dup memory of a production delivery (mode "webhook")
		scope: `${workflowId}|${NODE_NAME}|webhook`,
		staticData: structuredClone(activated),
		async deliver(body: unknown, o: DeliverOptions = {}): Promise<Delivery> {
			const event = o.event ?? 'call_completed';
			const query: Record<string, string | string[]> = { event };
			if (o.token !== null) query.token = o.token ?? TOKEN;
			const request: HarnessRequestInit =
				o.raw !== undefined
					? {
							method: 'POST' as const,
							query,
							headers: o.contentType ? { 'content-type': o.contentType } : {},
							rawBody: o.raw,
						}
					: {
							method: 'POST' as const,
							query,
							headers: { 'content-type': 'application/json' },
							body,
						};
			const run = await runWebhook(trigger, {
				parameters,
				typeVersion,
				credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
				staticData: o.staticData ?? r.staticData,
				workflowId,
				request,
			});
			const workflowData = run.result.workflowData;
			if (workflowData) assert.equal(workflowData.length, 1, 'one output');
			return {
				status: run.response.status,
				body: run.response.body as IDataObject,
				response: run.response,
				result: run.result,
				items: workflowData
					? (workflowData[0] as INodeExecutionData[]).map((item) => item.json)
					: undefined,
				staticDataChanged: run.staticDataChanged,
			};
		},
		/** What n8n would do on a restart: static data reloaded from its saved JSON, memory gone. */
		restart() {
			r.staticData = JSON.parse(JSON.stringify(r.staticData)) as IDataObject;
			forgetScope(r.scope);
		},
	};
	return r;
}

function assertAnswered(d: Delivery, status: number) {
	assert.equal(d.status, status);
	assert.equal(d.response.ended, true, 'the node sent the answer itself');
	assert.equal(d.result.noWebhookResponse, true);
	assert.match(String(d.response.headers['content-type']), /application\/json/);
}

function assertNoExecution(d: Delivery) {
	assert.equal(d.result.workflowData, undefined, 'no execution');
}

let calls = 0;
const callCompleted = (over: IDataObject = {}): IDataObject => ({
	callId: `call_${++calls}`,
	campaignId: 'cmp_sales',
	customerPhoneNumber: '+14155550141',
	customerName: 'Grace Thompson',
	direction: 'outbound',
	assistantId: 'asst_sunbeam_sales',
	startedAt: '2025-06-01T10:00:00.000Z',
	endedAt: '2025-06-01T10:02:05.000Z',
	summary: 'Grace asked for a quote for 12 panels.',
	transcript: 'AI: Hello, this is Sunbeam Solar.\nUser: Hi, I would like a quote.',
	messages: [
		{
			role: 'assistant',
			message: 'Hello, this is Sunbeam Solar.',
			time: '2025-06-01T10:00:01.000Z',
		},
		{ role: 'user', message: 'Hi, I would like a quote.', time: '2025-06-01T10:00:04.000Z' },
	],
	recordingUrl: 'https://recordings.example.com/call_1.mp3',
	status: 'completed',
	endedReason: 'customer-ended-call',
	durationSeconds: 125,
	successResult: 'success',
	...over,
});
const callStarted = (over: IDataObject = {}): IDataObject => ({
	callId: `call_${++calls}`,
	campaignId: 'cmp_support',
	customerPhoneNumber: '+13125550143',
	customerName: 'Hannah Schmidt',
	direction: 'inbound',
	startedAt: '2025-06-01T11:00:00.000Z',
	...over,
});
const messageReceived = (over: IDataObject = {}): IDataObject => ({
	campaignId: 'cmp_chat',
	customerNumber: '+16175550145',
	customerName: 'Chloe Martin',
	channel: 'sms',
	message: 'Is the apartment on Elm St still available?',
	receivedAt: '2025-06-01T12:00:00.000Z',
	messageId: `msg_${++calls}`,
	...over,
});
const messageSent = (over: IDataObject = {}): IDataObject => ({
	campaignId: 'cmp_chat',
	customerNumber: '+16175550145',
	customerName: 'Chloe Martin',
	channel: 'sms',
	message: 'Yes, it is available from August 1.',
	sentAt: '2025-06-01T12:00:30.000Z',
	messageId: `msg_${++calls}`,
	...over,
});

/** Every original field is on the item with its value. */
function assertKeepsOriginal(item: IDataObject, raw: IDataObject) {
	for (const [key, value] of Object.entries(raw))
		assert.deepEqual(item[key], value, `original field ${key}`);
}

const OUR_EVENT_FIELDS = new Set([
	...['event', 'time', 'callId', 'campaignId', 'customerPhoneNumber', 'customerName'],
	...['direction', 'startedAt', 'endedAt', 'durationSeconds', 'status', 'endedReason'],
	...['successResult', 'summary', 'transcript', 'messages', 'recordingUrl'],
	...['contact', 'messageId', 'role', 'message', 'channel'],
]);

/**
 * Simplify (the item given): our fields only. Simplify off: the event exactly as Atlas sent it.
 * typeVersion 1: ours, then every original field, as before Simplify existed.
 */
async function assertViews(item: IDataObject, raw: IDataObject, event: string) {
	for (const key of Object.keys(item)) assert.ok(OUR_EVENT_FIELDS.has(key), `${key} is ours`);
	const off = { events: ALL_EVENTS, campaignScope: 'all', simplify: false };
	const asSent = await receiver(off).deliver([raw], { event });
	assert.deepEqual(asSent.items, [raw]);
	const v1 = await receiver(undefined, 1).deliver([raw], { event });
	assert.equal(v1.items![0].event, event);
	assertKeepsOriginal(v1.items![0], raw);
}

// ---------------------------------------------------------------------------------------------

describe('Atlas Trigger receiving: the token', () => {
	const variants: Array<[string, () => string | string[] | null]> = [
		['missing', () => null],
		['empty', () => ''],
		['wrong', () => 'A'.repeat(TOKEN.length)],
		[
			'near miss (last character changed)',
			() => TOKEN.slice(0, -1) + (TOKEN.endsWith('A') ? 'B' : 'A'),
		],
		['near miss (one character more)', () => `${TOKEN}x`],
		['near miss (one character less)', () => TOKEN.slice(0, -1)],
		[
			'wrong case',
			() => (TOKEN.toUpperCase() !== TOKEN ? TOKEN.toUpperCase() : TOKEN.toLowerCase()),
		],
		['given twice', () => [TOKEN, TOKEN]],
		['with whitespace', () => ` ${TOKEN}`],
	];
	for (const [what, token] of variants) {
		it(`${what} -> 401, no execution, nothing recorded`, async () => {
			const r = receiver();
			const event = callCompleted();
			const d = await r.deliver([event], { token: token() });
			assertAnswered(d, 401);
			assertNoExecution(d);
			assert.ok(!JSON.stringify(d.response).includes(TOKEN), 'the answer does not echo the token');
			assert.equal(r.staticData.seen, undefined, 'a rejected delivery is not remembered');
			// the same event with the right token afterwards still runs
			const ok = await r.deliver([event]);
			assert.equal(ok.items?.length, 1);
		});
	}

	it("static data holds the nonce and the token's hash, never the token nor a hookUrl with it", () => {
		const json = JSON.stringify(activated);
		assert.ok(!json.includes(TOKEN), 'no token');
		assert.ok(!/token=/i.test(json), 'no hookUrl with a token');
		assert.ok(!json.includes('"hookUrl"'), 'no hookUrl at all');
		assert.ok(!json.includes(API_KEY), 'no api-key');
		assert.equal(activated.token, undefined);
		assert.equal(typeof activated.nonce, 'string');
		assert.equal(activated.tokenHash, createHash('sha256').update(TOKEN).digest('base64url'));
		// the token is the HMAC of the nonce under the api-key: nothing in static data gives it
		const derived = createHmac('sha256', API_KEY)
			.update(`atlas-trigger-token\n${String(activated.nonce)}`)
			.digest('base64url')
			.slice(0, 32);
		assert.equal(derived, TOKEN);
	});

	it('a delivery is checked without the credential (no credential read per delivery)', async () => {
		const r = receiver();
		const run = await runWebhook(trigger, {
			parameters: { events: ALL_EVENTS, campaignScope: 'all' },
			credentials: { atlasApi: { apiKey: 'a-different-key', baseUrl: emu.baseUrl } },
			staticData: r.staticData,
			workflowId: r.workflowId,
			request: {
				method: 'POST',
				query: { event: 'call_completed', token: TOKEN },
				headers: { 'content-type': 'application/json' },
				body: [callCompleted()],
			},
		});
		assert.equal(run.response.status, 200, 'accepted on the hash alone');
	});

	it('static data of an earlier version (token in clear, hookUrls) still receives; a wrong token is still 401', async () => {
		const legacyToken = 'L'.repeat(32);
		const legacy: IDataObject = {
			token: legacyToken,
			webhookUrl: 'http://localhost:5678/webhook/x/atlas',
			credential: 'abc',
			subscriptions: [
				{
					hookUrl: `http://localhost:5678/webhook/x/atlas?event=call_completed&token=${legacyToken}`,
					campaignId: '*',
					triggerName: 'call_completed',
					provider: 'custom',
				},
			],
		};
		const r = receiver();
		r.staticData = legacy;
		const ok = await r.deliver([callCompleted()], { token: legacyToken });
		assertAnswered(ok, 200);
		assert.equal(ok.items?.length, 1);
		assertAnswered(await r.deliver([callCompleted()], { token: TOKEN }), 401);
		assertAnswered(
			await r.deliver([callCompleted()], { token: `${legacyToken.slice(0, -1)}M` }),
			401,
		);
		assertAnswered(await r.deliver([callCompleted()], { token: null }), 401);
	});

	it('a tokenHash that is not a SHA-256 accepts nothing', async () => {
		const r = receiver();
		r.staticData = { ...structuredClone(activated), tokenHash: 'short' };
		assertAnswered(await r.deliver([callCompleted()]), 401);
		assertAnswered(await r.deliver([callCompleted()], { token: 'short' }), 401);
	});

	it('a node without a recorded token (never activated) accepts nothing', async () => {
		const r = receiver();
		r.staticData = {};
		assertAnswered(await r.deliver([callCompleted()], { token: '' }), 401);
		assertAnswered(await r.deliver([callCompleted()], { token: 'undefined' }), 401);
		assertAnswered(await r.deliver([callCompleted()], { token: null }), 401);
	});

	it('401 and 400 are logged, without the token', async () => {
		const logger = Container.get(Logger);
		const warn = mock.method(logger, 'warn', () => {});
		try {
			const r = receiver();
			const wrong = `${TOKEN.slice(0, -2)}zz`;
			await r.deliver([callCompleted()], { token: wrong });
			await r.deliver(undefined, { raw: 'not json', contentType: 'text/plain' });
			assert.ok(warn.mock.calls.length >= 2, 'both rejections are logged');
			const logged = JSON.stringify(warn.mock.calls.map((c) => c.arguments));
			assert.match(logged, /401/);
			assert.match(logged, /400/);
			assert.ok(!logged.includes(TOKEN), 'the token is not logged');
			assert.ok(!logged.includes(wrong), 'the given token is not logged');
			assert.ok(!logged.includes(API_KEY));
		} finally {
			warn.mock.restore();
		}
	});
});

describe('Atlas Trigger receiving: the body', () => {
	const bad: Array<[string, DeliverOptions]> = [
		['text that is not JSON', { raw: 'this is not json', contentType: 'text/plain' }],
		['broken JSON without a content type', { raw: '[{"callId": "c1",', contentType: undefined }],
		['a JSON number', { raw: '42', contentType: 'application/json' }],
		['a JSON string', { raw: '"call_completed"', contentType: 'application/json' }],
		['JSON null', { raw: 'null', contentType: 'application/json' }],
		['an empty body', { raw: '', contentType: 'application/json' }],
	];
	for (const [what, options] of bad) {
		it(`${what} -> 400, no execution`, async () => {
			const d = await receiver().deliver(undefined, options);
			assertAnswered(d, 400);
			assertNoExecution(d);
		});
	}

	it('an empty array -> 200, no execution', async () => {
		const d = await receiver().deliver([]);
		assertAnswered(d, 200);
		assertNoExecution(d);
		assert.equal(d.body.received, 0);
	});

	it('a delivery of N events starts one execution with N items, answered 200 JSON by the node', async () => {
		const events = [
			callCompleted(),
			callCompleted(),
			callCompleted(),
			callCompleted(),
			callCompleted(),
		];
		const d = await receiver().deliver(events);
		assertAnswered(d, 200);
		assert.equal(d.result.workflowData?.length, 1, 'one execution');
		assert.equal(d.items?.length, 5, 'five items');
		assert.deepEqual(
			d.items!.map((i) => i.callId),
			events.map((e) => e.callId),
		);
		assert.deepEqual(d.body, { received: 5, accepted: 5, duplicates: 0, ignored: 0, invalid: 0 });
	});

	it('the same N events as raw JSON bytes (no parsed body) work the same', async () => {
		const events = [callStarted(), callStarted()];
		const d = await receiver().deliver(undefined, {
			event: 'call_started',
			raw: JSON.stringify(events),
			contentType: 'text/plain',
		});
		assertAnswered(d, 200);
		assert.equal(d.items?.length, 2);
	});

	it('a single object (not in an array) is accepted as one event', async () => {
		const event = callCompleted();
		const d = await receiver().deliver(event);
		assertAnswered(d, 200);
		assert.equal(d.items?.length, 1);
		assert.equal(d.items![0].callId, event.callId);
	});
});

describe('Atlas Trigger receiving: normalized fields', () => {
	for (const casing of ['camelCase', 'PascalCase'] as const) {
		const shape = (e: IDataObject) => (casing === 'camelCase' ? e : (pascalize(e) as IDataObject));

		it(`call_completed (${casing})`, async () => {
			const raw = shape(callCompleted({ callId: 'call_cc_1' }));
			const d = await receiver().deliver([raw]);
			const item = d.items![0];
			assert.equal(item.event, 'call_completed');
			assert.equal(item.campaignId, 'cmp_sales');
			assert.equal(item.callId, 'call_cc_1');
			assert.equal(item.customerPhoneNumber, '+14155550141');
			assert.equal(item.customerName, 'Grace Thompson');
			assert.equal(item.time, '2025-06-01T10:02:05.000Z', 'a completed call is timed by its end');
			assert.equal(item.summary, 'Grace asked for a quote for 12 panels.');
			assert.equal(
				item.transcript,
				'AI: Hello, this is Sunbeam Solar.\nUser: Hi, I would like a quote.',
			);
			assert.equal(item.recordingUrl, 'https://recordings.example.com/call_1.mp3');
			assert.equal(item.status, 'completed');
			assert.equal(item.endedReason, 'customer-ended-call');
			assert.equal(item.durationSeconds, 125);
			await assertViews(item, raw, 'call_completed');
		});

		it(`call_started (${casing})`, async () => {
			const raw = shape(callStarted({ callId: 'call_cs_1' }));
			const d = await receiver().deliver([raw], { event: 'call_started' });
			const item = d.items![0];
			assert.equal(item.event, 'call_started');
			assert.equal(item.campaignId, 'cmp_support');
			assert.equal(item.callId, 'call_cs_1');
			assert.equal(item.customerPhoneNumber, '+13125550143');
			assert.equal(item.customerName, 'Hannah Schmidt');
			assert.equal(item.time, '2025-06-01T11:00:00.000Z');
			await assertViews(item, raw, 'call_started');
		});

		it(`message_received (${casing})`, async () => {
			const raw = shape(messageReceived({ messageId: 'msg_r_1' }));
			const d = await receiver().deliver([raw], { event: 'message_received' });
			const item = d.items![0];
			assert.equal(item.event, 'message_received');
			assert.equal(item.campaignId, 'cmp_chat');
			assert.equal(item.messageId, 'msg_r_1');
			assert.equal(item.contact, '+16175550145');
			assert.equal(item.role, 'user');
			assert.equal(item.customerName, 'Chloe Martin');
			assert.equal(item.time, '2025-06-01T12:00:00.000Z');
			assert.equal(item.message, 'Is the apartment on Elm St still available?');
			await assertViews(item, raw, 'message_received');
		});

		it(`message_sent (${casing})`, async () => {
			const raw = shape(messageSent({ messageId: 'msg_s_1' }));
			const d = await receiver().deliver([raw], { event: 'message_sent' });
			const item = d.items![0];
			assert.equal(item.event, 'message_sent');
			assert.equal(item.campaignId, 'cmp_chat');
			assert.equal(item.messageId, 'msg_s_1');
			assert.equal(item.contact, '+16175550145');
			assert.equal(item.role, 'assistant');
			assert.equal(item.customerName, 'Chloe Martin');
			assert.equal(item.time, '2025-06-01T12:00:30.000Z');
			assert.equal(item.message, 'Yes, it is available from August 1.');
			await assertViews(item, raw, 'message_sent');
		});
	}

	it('the event comes from the subscription URL, not from the body', async () => {
		const d = await receiver().deliver([{ ...messageSent(), event: 'message_received' }], {
			event: 'message_sent',
		});
		assert.equal(d.items![0].event, 'message_sent');
	});

	it('a message without an id is known by customer and time', async () => {
		const raw = messageReceived({ messageId: undefined });
		delete raw.messageId;
		const d = await receiver().deliver([raw], { event: 'message_received' });
		assert.equal(d.items?.length, 1);
		assert.equal(d.items![0].error, undefined);
		assert.equal(d.items![0].contact, '+16175550145');
	});

	it('typeVersion 1 Output Raw, like Simplify off, returns the events untouched', async () => {
		const events = [callCompleted(), pascalize(callCompleted()) as IDataObject];
		const d = await receiver(
			{ events: ALL_EVENTS, campaignScope: 'all', options: { output: 'raw' } },
			1,
		).deliver(events);
		assert.deepEqual(d.items, events);
		const off = await receiver({ events: ALL_EVENTS, campaignScope: 'all', simplify: false });
		assert.deepEqual((await off.deliver(events)).items, events);
	});
});

describe('Atlas Trigger receiving: de-duplication', () => {
	it('the same call_completed delivered twice: the second starts no execution', async () => {
		const r = receiver();
		const event = callCompleted();
		const first = await r.deliver([event]);
		assert.equal(first.items?.length, 1);
		assert.equal(first.staticDataChanged, true, 'n8n is told to save the record');
		const second = await r.deliver([structuredClone(event)]);
		assertAnswered(second, 200);
		assertNoExecution(second);
		assert.equal(second.body.duplicates, 1);
		// the same call in the other casing is the same call
		const third = await r.deliver([pascalize(event)]);
		assertNoExecution(third);
	});

	it('a duplicate inside one delivery is dropped', async () => {
		const a = callCompleted();
		const b = callCompleted();
		const d = await receiver().deliver([a, b, structuredClone(a)]);
		assert.deepEqual(
			d.items!.map((i) => i.callId),
			[a.callId, b.callId],
		);
		assert.equal(d.body.duplicates, 1);
	});

	it('keys: the same call id under another event is not a duplicate', async () => {
		const r = receiver();
		const id = `call_k_${++calls}`;
		assert.equal(
			(await r.deliver([callStarted({ callId: id })], { event: 'call_started' })).items?.length,
			1,
		);
		assert.equal(
			(await r.deliver([callCompleted({ callId: id })], { event: 'call_completed' })).items?.length,
			1,
		);
	});

	it('keys for messages: campaign + customer + time (+ message id)', async () => {
		const r = receiver();
		const event = 'message_received';
		const base = { messageId: undefined, receivedAt: '2025-06-02T09:00:00.000Z' };
		const noId = () => {
			const m = messageReceived(base);
			delete m.messageId;
			return m;
		};
		assert.equal((await r.deliver([noId()], { event })).items?.length, 1);
		assertNoExecution(await r.deliver([noId()], { event }));
		// another time, another customer, another campaign, or a message id: another message
		const later = noId();
		later.receivedAt = '2025-06-02T09:00:01.000Z';
		const other = noId();
		other.customerNumber = '+10000000000';
		const elsewhere = noId();
		elsewhere.campaignId = 'cmp_other';
		const withId = { ...noId(), messageId: 'msg_dd_1' };
		const d = await r.deliver([later, other, elsewhere, withId], { event });
		assert.equal(d.items?.length, 4);
		// two messages at the same time from the same customer, told apart by their ids
		const twin = { ...noId(), messageId: 'msg_dd_2' };
		assert.equal((await r.deliver([twin], { event })).items?.length, 1);
		assertNoExecution(await r.deliver([{ ...twin }], { event }));
	});

	it('the record survives a restart: static data reloaded from JSON, memory cleared', async () => {
		const r = receiver();
		const event = callCompleted();
		assert.equal((await r.deliver([event])).items?.length, 1);
		assert.equal(typeof r.staticData.seen, 'string');
		r.restart();
		assertNoExecution(await r.deliver([event]));
		r.restart();
		const fresh = callCompleted();
		assert.equal((await r.deliver([event, fresh])).items?.length, 1, 'only the new event passes');
	});

	it('two requests from the same stored static data: the later write still holds the earlier key', async () => {
		const r = receiver();
		assert.equal((await r.deliver([callCompleted()])).items?.length, 1);
		const stored = JSON.stringify(r.staticData); // what the database holds
		const a = callCompleted();
		const b = callCompleted();

		// request A and request B both loaded `stored`; A records a, B records b; B is saved last
		r.staticData = JSON.parse(stored) as IDataObject;
		assert.equal((await r.deliver([a])).items?.length, 1);
		r.staticData = JSON.parse(stored) as IDataObject;
		assert.equal((await r.deliver([b])).items?.length, 1);
		const savedByB = r.staticData;
		assert.ok(
			String(savedByB.seen).includes(hashKey(`call_completed|${a.callId}`)),
			"B's save holds A's key",
		);

		// and it works: after a restart from B's save, a re-delivery of a is a duplicate
		r.restart();
		assertNoExecution(await r.deliver([a]));
		assertNoExecution(await r.deliver([b]));
	});

	it('the earlier request saved last: a delivery of duplicates only writes the lost key back', async () => {
		const r = receiver();
		assert.equal((await r.deliver([callCompleted()])).items?.length, 1);
		const stored = JSON.stringify(r.staticData);
		const a = callCompleted();
		const b = callCompleted();

		// A and B both loaded `stored`; A records a, B records b; A is saved last, so the
		// database lacks b while this process remembers it
		r.staticData = JSON.parse(stored) as IDataObject;
		assert.equal((await r.deliver([a])).items?.length, 1);
		const savedByA = JSON.stringify(r.staticData);
		r.staticData = JSON.parse(stored) as IDataObject;
		assert.equal((await r.deliver([b])).items?.length, 1);
		r.staticData = JSON.parse(savedByA) as IDataObject;
		assert.ok(!String(r.staticData.seen).includes(hashKey(`call_completed|${b.callId}`)));

		// Atlas re-delivers b: a duplicate, and the record saved now holds b again
		assertNoExecution(await r.deliver([b]));
		assert.ok(
			String(r.staticData.seen).includes(hashKey(`call_completed|${b.callId}`)),
			'b written back',
		);
		r.restart();
		assertNoExecution(await r.deliver([b]));
		assertNoExecution(await r.deliver([a]));
	});

	it('concurrent deliveries of the same event through one process: exactly one execution', async () => {
		const r = receiver();
		const event = callCompleted();
		const stored = JSON.stringify(r.staticData);
		const results = await Promise.all(
			Array.from(
				{ length: 5 },
				async () =>
					await r.deliver([structuredClone(event)], {
						staticData: JSON.parse(stored) as IDataObject,
					}),
			),
		);
		assert.equal(results.filter((d) => d.items !== undefined).length, 1);
	});

	it('Remember At Most caps the stored keys; the oldest is forgotten first', async () => {
		const r = receiver({ events: ALL_EVENTS, campaignScope: 'all', options: { maxRemembered: 3 } });
		const events = Array.from({ length: 5 }, () => callCompleted());
		for (const event of events) {
			assert.equal((await r.deliver([event])).items?.length, 1);
			assert.ok(
				recordKeys(String(r.staticData.seen)).length <= 3,
				`at most 3 keys stored: ${r.staticData.seen}`,
			);
		}
		assert.equal(recordKeys(String(r.staticData.seen)).length, 3);
		assertNoExecution(await r.deliver([events[4]]));
		assertNoExecution(await r.deliver([events[2]]));
		assert.equal((await r.deliver([events[0]])).items?.length, 1, 'the oldest was forgotten');
		// and it holds after a restart too
		r.restart();
		assert.ok(recordKeys(String(r.staticData.seen)).length <= 3);
	});

	it('the window option: a repeat inside it is dropped, after it passes (Date mocked)', async () => {
		const start = Date.parse('2025-06-01T00:00:00.000Z');
		mock.timers.enable({ apis: ['Date'], now: start });
		try {
			const hour = 3_600_000;
			const r = receiver({
				events: ALL_EVENTS,
				campaignScope: 'all',
				options: { duplicateWindowHours: 2 },
			});
			const event = callCompleted();
			assert.equal((await r.deliver([event])).items?.length, 1);
			mock.timers.tick(1.5 * hour);
			assertNoExecution(await r.deliver([event]));
			mock.timers.tick(2 * hour); // 2 h after the last sighting... but the record keeps the first one
			assert.equal(
				(await r.deliver([event])).items?.length,
				1,
				'outside the 2 h window it runs again',
			);

			// default window: 24 h
			const d = receiver();
			const other = callCompleted();
			assert.equal((await d.deliver([other])).items?.length, 1);
			mock.timers.tick(23 * hour);
			assertNoExecution(await d.deliver([other]));
			mock.timers.tick(2 * hour);
			assert.equal((await d.deliver([other])).items?.length, 1);
		} finally {
			mock.timers.reset();
		}
	});

	it('checkAndRecord honours the window with its `now` parameter', () => {
		const staticData: IDataObject = {};
		const scope = `window-${Date.now()}`;
		const settings = { windowMs: 60 * 60_000, maxKeys: 100 };
		const t0 = Date.parse('2025-06-01T00:00:00.000Z');
		assert.deepEqual(checkAndRecord(staticData, scope, ['k1', undefined], settings, t0), [
			false,
			false,
		]);
		assert.deepEqual(checkAndRecord(staticData, scope, ['k1'], settings, t0 + 59 * 60_000), [true]);
		assert.deepEqual(checkAndRecord(staticData, scope, ['k1'], settings, t0 + 62 * 60_000), [
			false,
		]);
		forgetScope(scope);
		const reloaded = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		assert.deepEqual(
			checkAndRecord(reloaded, scope, ['k1'], settings, t0 + 63 * 60_000),
			[true],
			'from static data alone',
		);
		forgetScope(scope);
	});

	it('with Ignore Duplicates off, duplicates pass and nothing is recorded', async () => {
		const r = receiver({
			events: ALL_EVENTS,
			campaignScope: 'all',
			options: { ignoreDuplicates: false },
		});
		const event = callCompleted();
		assert.equal((await r.deliver([event, structuredClone(event)])).items?.length, 2);
		assert.equal((await r.deliver([event])).items?.length, 1);
		assert.equal(r.staticData.seen, undefined);
	});
});

describe('Atlas Trigger receiving: selection', () => {
	it('an event that was not selected -> 200, no execution', async () => {
		const r = receiver({ events: ['call_completed'], campaignScope: 'all' });
		for (const event of ['call_started', 'message_received', 'bogus', '']) {
			const d = await r.deliver([callStarted(), messageReceived()], { event });
			assertAnswered(d, 200);
			assertNoExecution(d);
			assert.equal(d.body.ignored, 2);
		}
		assert.equal(r.staticData.seen, undefined);
	});

	it('a campaign that was not selected -> 200, no execution; a mixed delivery keeps the selected ones', async () => {
		const r = receiver({
			events: ['call_completed'],
			campaignScope: 'selected',
			campaignIds: ['cmp_sales', 'cmp_chat'],
		});
		const d = await r.deliver([
			callCompleted({ campaignId: 'cmp_support' }),
			pascalize(callCompleted({ campaignId: 'cmp_support' })),
		]);
		assertAnswered(d, 200);
		assertNoExecution(d);
		assert.equal(d.body.ignored, 2);

		const kept = callCompleted({ campaignId: 'cmp_sales' });
		const mixed = await r.deliver([callCompleted({ campaignId: 'cmp_other' }), kept]);
		assert.deepEqual(
			mixed.items!.map((i) => i.callId),
			[kept.callId],
		);
		assert.equal(mixed.body.ignored, 1);
	});
});

describe('Atlas Trigger receiving: invalid events in a valid array', () => {
	const invalid = (): unknown[] => [
		42,
		null,
		'text',
		[1, 2],
		{ foo: 'bar' },
		{ campaignId: 'cmp_sales' },
	];

	it('by default they are emitted with an error field next to the valid ones', async () => {
		const valid = callCompleted();
		const d = await receiver().deliver([valid, ...invalid()]);
		assertAnswered(d, 200);
		assert.equal(d.items?.length, 7);
		const good = d.items!.filter((i) => i.error === undefined);
		const bad = d.items!.filter((i) => i.error !== undefined);
		assert.deepEqual(
			good.map((i) => i.callId),
			[valid.callId],
		);
		assert.equal(bad.length, 6);
		for (const item of bad) {
			assert.equal(typeof item.error, 'string');
			assert.ok(String(item.error).length > 0);
			assert.equal(item.event, 'call_completed');
		}
		assert.deepEqual(
			bad.filter((i) => 'value' in i).map((i) => i.value),
			[42, null, 'text', [1, 2]],
			'the offending value is shown',
		);
		assert.ok(
			bad.some((i) => i.foo === 'bar'),
			'an object keeps its fields',
		);
		assert.equal(d.body.invalid, 6);
		assert.equal(d.body.accepted, 1);
	});

	it('a message without any identity is invalid too', async () => {
		const d = await receiver().deliver(
			[{ campaignId: 'cmp_chat', message: 'hi' }, messageReceived()],
			{
				event: 'message_received',
			},
		);
		assert.equal(d.items?.filter((i) => i.error !== undefined).length, 1);
		assert.equal(d.items?.filter((i) => i.error === undefined).length, 1);
	});

	it('with On Invalid Event: Skip they are left out', async () => {
		const valid = callCompleted();
		const r = receiver({
			events: ALL_EVENTS,
			campaignScope: 'all',
			options: { onInvalidEvent: 'skip' },
		});
		const d = await r.deliver([...invalid(), valid]);
		assert.deepEqual(
			d.items!.map((i) => i.callId),
			[valid.callId],
		);
		assert.equal(d.body.invalid, 6);
		const onlyInvalid = await r.deliver(invalid());
		assertAnswered(onlyInvalid, 200);
		assertNoExecution(onlyInvalid);
	});

	it('__proto__ and constructor keys change no prototype', async () => {
		const raw =
			'[{"callId":"call_proto_1","campaignId":"cmp_sales","__proto__":{"polluted":"yes","callId":"evil"},' +
			'"constructor":{"prototype":{"polluted2":"yes"}}},' +
			'{"__proto__":{"callId":"call_proto_2"}}]';
		const views: Array<[string, INodeParameters, number]> = [
			['v1 simplified', { options: { output: 'simplified' } }, 1],
			['v1 raw', { options: { output: 'raw' } }, 1],
			['Simplify', {}, 2],
			['Simplify off', { simplify: false }, 2],
		];
		for (const [output, view, typeVersion] of views) {
			const all = { events: ALL_EVENTS, campaignScope: 'all' };
			const r = receiver({ ...all, ...view }, typeVersion);
			const d = await r.deliver(undefined, { raw, contentType: 'application/json' });
			assertAnswered(d, 200);
			const plain: Record<string, unknown> = {};
			assert.equal(plain.polluted, undefined);
			assert.equal(plain.polluted2, undefined);
			assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
			assert.equal(d.items?.length, 2);
			for (const item of d.items!) {
				assert.equal(
					Object.getPrototypeOf(item),
					Object.prototype,
					`${output}: item prototype untouched`,
				);
				assert.equal((item as Record<string, unknown>).polluted, undefined);
			}
			const valid = d.items!.filter((i) => i.error === undefined);
			assert.equal(valid.length, 1);
			assert.equal(
				valid[0].callId,
				'call_proto_1',
				'the identity is the own callId, not the one under __proto__',
			);
			assert.equal(
				Object.prototype.hasOwnProperty.call(valid[0], '__proto__'),
				output !== 'Simplify',
				'kept as a plain field (Simplify: not ours, left out)',
			);
			// the second event's only "identity" sits under __proto__: that is no identity
			assert.equal(d.body.invalid, 1);
		}
	});
});

describe('Atlas Trigger receiving: round trip with the emulator delivering over HTTP', () => {
	it('activation, deliveries in both casings, a re-delivery, a wrong token, deactivation', async () => {
		// only this test's subscriptions: the one made in before() points at localhost:5678
		emu.reset();
		// a stand-in for n8n's webhook server: each request runs webhook() through the engine,
		// with the workflow's static data shared as n8n's database would hold it
		const parameters = {
			events: ['call_completed', 'message_received'],
			campaignScope: 'selected',
			campaignIds: ['cmp_sales', 'cmp_chat'],
		};
		const credentials = { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } };
		let stored = '{}';
		const executions: IDataObject[][] = [];
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://x');
				const staticData = JSON.parse(stored) as IDataObject;
				runWebhook(trigger, {
					parameters,
					credentials,
					staticData,
					workflowId: 'wf-round-trip',
					request: {
						method: 'POST',
						headers: req.headers as Record<string, string>,
						query: Object.fromEntries(url.searchParams),
						rawBody: Buffer.concat(chunks),
					},
				})
					.then((run) => {
						stored = JSON.stringify(staticData);
						const data = run.result.workflowData;
						if (data) executions.push((data[0] as INodeExecutionData[]).map((i) => i.json));
						res.writeHead(run.response.status, { 'content-type': 'application/json' });
						res.end(JSON.stringify(run.response.body));
					})
					.catch((error: Error) => {
						res.writeHead(500);
						res.end(error.message);
					});
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const webhookBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
			const created = await runHook(trigger, 'create', {
				parameters,
				credentials,
				staticData: {},
				webhookBaseUrl,
			});
			stored = JSON.stringify(created.staticData);

			// three completed calls in one delivery, in PascalCase, each delivery sent twice
			const calls = await emu.fire('call_completed', {
				campaignId: 'cmp_sales',
				count: 3,
				batch: 3,
				duplicate: true,
				casing: 'pascal',
			});
			assert.deepEqual(
				calls.deliveries.map((d) => d.status),
				[200, 200],
			);
			assert.equal(executions.length, 1, 'the re-delivery started nothing');
			assert.equal(executions[0].length, 3);
			const sent = calls.events as IDataObject[];
			assert.deepEqual(
				executions[0].map((i) => i.callId),
				sent.map((e) => e.CallId),
			);
			for (const item of executions[0]) {
				assert.equal(item.event, 'call_completed');
				assert.equal(item.campaignId, 'cmp_sales');
				assert.equal(typeof item.summary, 'string');
				assert.equal(typeof item.transcript, 'string');
				assert.equal(typeof item.durationSeconds, 'number');
			}

			// two messages in camelCase, one per delivery
			const messages = await emu.fire('message_received', {
				campaignId: 'cmp_chat',
				count: 2,
				casing: 'camel',
			});
			assert.deepEqual(
				messages.deliveries.map((d) => d.status),
				[200, 200],
			);
			assert.equal(executions.length, 3);
			assert.equal(executions[2][0].event, 'message_received');

			// someone who guessed the URL but not the token
			const forged = await emu.fire('call_completed', {
				campaignId: 'cmp_sales',
				tokenOverride: true,
			});
			assert.deepEqual(
				forged.deliveries.map((d) => d.status),
				[401],
			);
			assert.equal(executions.length, 3);

			// deactivation removes every subscription this activation made
			const removed = await runHook(trigger, 'delete', {
				parameters,
				credentials,
				staticData: JSON.parse(stored) as IDataObject,
				webhookBaseUrl,
				webhookMode: 'deactivate',
			});
			assert.equal(removed.result, true);
			const left = emu.subscriptions().filter((s) => s.hookUrl.startsWith(webhookBaseUrl));
			assert.deepEqual(left, []);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
