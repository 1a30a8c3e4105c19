// The Atlas node's recovery, clean-up and recording operations, through n8n's real engine (n8n-core) against the emulator:
// Call > Get Many Since Last Run, Webhook > Clean Up Orphaned Subscriptions, Call > Get with
// Download Recording. The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from '../helpers/engine';
import type { RunExecuteOptions } from '../helpers/engine';

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { modelEvent } from '../../nodes/shared/model/event';
import type { Emulator } from '../emulator';
import { FAKE_MP3, startEmulator } from '../emulator';

const API_KEY = 'node-features-KEY-5b1d';
let emu: Emulator;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	webhookBaseUrl?: string;
	mode?: RunExecuteOptions['mode'];
}

async function run(
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const out = await runExecute(new Atlas(), {
		parameters,
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		items: options.items,
		continueOnFail: options.continueOnFail,
		mode: options.mode ?? 'trigger',
		// buildRun options the harness passes through
		...({ staticData: options.staticData, webhookBaseUrl: options.webhookBaseUrl } as object),
	});
	return out[0];
}

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
});

after(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
});

// -------------------------------------------------------------------------------------------
describe('Call > Get Many Since Last Run', () => {
	const params = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'call',
		operation: 'getManySinceLastRun',
		...extra,
	});

	const CANONICAL = [
		'event',
		'campaignId',
		'callId',
		'customerPhoneNumber',
		'customerName',
		'time',
		'summary',
		'transcript',
		'messages',
		'recordingUrl',
		'status',
		'endedReason',
		'durationSeconds',
		'startedAt',
		'endedAt',
		'direction',
	];
	// our fields; the conversation's messages by our fields too (each keeps Atlas's own besides)
	const canonical = (item: IDataObject) =>
		Object.fromEntries(
			CANONICAL.map((k) => [
				k,
				k === 'messages'
					? (item[k] as IDataObject[]).map(({ role, message, time }) => ({ role, message, time }))
					: item[k],
			]),
		);

	it("first run: the calls completed in the lookback, shaped like the trigger's call_completed items, oldest first", async () => {
		const fired = await emu.fire('call_completed', {
			campaignId: 'cmp_sales',
			count: 2,
			persist: true,
		});
		const state: IDataObject = {};
		const items = json(await run(params(), { staticData: state }));
		// the seed calls are from 2025: outside the 24 h default lookback
		assert.deepEqual(
			items.map((i) => i.callId).sort(),
			fired.events.map((e: any) => e.callId ?? e.CallId).sort(),
		);
		for (const item of items) {
			const event = fired.events.find((e: any) => (e.callId ?? e.CallId) === item.callId);
			const viaTrigger = modelEvent('call_completed', event, 'simplified');
			assert.ok(viaTrigger.ok);
			assert.deepEqual(
				canonical(item),
				canonical(viaTrigger.item),
				'same fields and values as the trigger item',
			);
			assert.equal(item.event, 'call_completed');
		}
		assert.ok(
			Date.parse(String(items[0].time)) <= Date.parse(String(items[1].time)),
			'oldest first',
		);
		const mark = (state.callsSinceLastRun as IDataObject)['*'] as IDataObject;
		assert.ok(
			Date.parse(String(mark.since)) > Date.now() - 60_000,
			'watermark set to the run time',
		);
	});

	it('second run returns only calls completed since; a third with nothing new returns nothing', async () => {
		await emu.fire('call_completed', { campaignId: 'cmp_sales', count: 2, persist: true });
		const state: IDataObject = {};
		assert.equal((await run(params(), { staticData: state })).length, 2);
		const later = await emu.fire('call_completed', {
			campaignId: 'cmp_support',
			count: 1,
			persist: true,
		});
		const second = json(await run(params(), { staticData: state }));
		assert.deepEqual(
			second.map((i) => i.callId),
			later.events.map((e: any) => e.callId ?? e.CallId),
		);
		assert.deepEqual(json(await run(params(), { staticData: state })), []);
	});

	it('a record listed late (ended before the last run) is still returned, once', async () => {
		const state: IDataObject = {};
		await run(params(), { staticData: state }); // nothing yet
		// a call that ended 2 minutes before the run, but only now appears in Atlas
		const [late] = (await emu.fire('call_completed', { campaignId: 'cmp_sales', count: 1 }))
			.events as any[];
		const endedAt = new Date(
			Date.parse(((state.callsSinceLastRun as IDataObject)['*'] as IDataObject).since as string) -
				120_000,
		);
		emu.calls.push({
			...(emu.calls[0] as any),
			id: late.callId ?? late.CallId,
			startedAt: new Date(endedAt.getTime() - 60_000).toISOString(),
			endedAt: endedAt.toISOString(),
		});
		assert.deepEqual(
			json(await run(params(), { staticData: state })).map((i) => i.callId),
			[late.callId ?? late.CallId],
		);
		assert.deepEqual(json(await run(params(), { staticData: state })), [], 'not returned twice');
	});

	it('First Run Lookback reaches the seed calls; a campaign keeps its own mark and gets only its calls', async () => {
		const state: IDataObject = {};
		const years = { sinceLastRunOptions: { firstRunLookbackHours: 24 * 365 * 10 } };
		const support = json(
			await run(params({ campaign: rl('cmp_support'), ...years }), { staticData: state }),
		);
		const expected = emu.calls
			.filter((c) => c.campaignId === 'cmp_support')
			.map((c) => c.id)
			.sort();
		assert.ok(expected.length > 0);
		assert.deepEqual(support.map((i) => i.callId).sort(), expected);
		assert.ok(support.every((i) => i.campaignId === 'cmp_support'));
		assert.deepEqual(Object.keys(state.callsSinceLastRun as IDataObject), ['cmp_support']);
		const all = json(await run(params(years), { staticData: state }));
		assert.equal(all.length, emu.calls.length, 'All Campaigns has its own first run');
	});

	it('leaves out calls that are still running', async () => {
		const [event] = (
			await emu.fire('call_completed', { campaignId: 'cmp_sales', count: 1, persist: true })
		).events as any[];
		const record = emu.calls.find((c) => c.id === (event.callId ?? event.CallId))!;
		(record as any).status = 'in-progress';
		assert.deepEqual(json(await run(params(), { staticData: {} })), []);
	});

	it('does not move the mark when the node fails; with Continue On Fail a failed item moves nothing', async () => {
		await emu.fire('call_completed', { campaignId: 'cmp_sales', count: 1, persist: true });
		const state: IDataObject = {};
		emu.setFault({ path: '/call', method: 'GET', type: '500', count: -1 });
		await assert.rejects(run(params(), { staticData: state }), /internal error/);
		assert.deepEqual(state, {}, 'nothing recorded');
		const failed = json(await run(params(), { staticData: state, continueOnFail: true }));
		assert.match(String(failed[0].error), /internal error/);
		assert.deepEqual(state, {}, 'nothing recorded');
		emu.clearFaults();
		assert.equal(
			(await run(params(), { staticData: state })).length,
			1,
			'the call comes on the next good run',
		);
	});

	it('two items for the same campaign in one run: the call comes once, paired to the first item', async () => {
		await emu.fire('call_completed', { campaignId: 'cmp_sales', count: 1, persist: true });
		const out = await run(params(), { staticData: {}, items: [{ json: {} }, { json: {} }] });
		assert.equal(out.length, 1);
		assert.deepEqual(out[0].pairedItem, { item: 0 });
	});
});

// -------------------------------------------------------------------------------------------
describe('Webhook > Clean Up Orphaned Subscriptions', () => {
	// A stand-in for n8n's webhook server: /webhook/<id>/atlas with the right token -> 200 (an
	// empty JSON report), wrong token -> 401, unknown path -> 404.
	let n8n: Server;
	let base: string;
	const owners = new Map<string, string>(); // webhook path -> token
	const hits: Array<{ path: string; body: string; headers: IncomingHttpHeaders }> = [];
	const TOKEN_OK = 'tok-current-0123456789abcdef0123456789';
	const TOKEN_OLD = 'tok-previous-abcdef0123456789abcdef01';
	const TOKEN_GONE = 'tok-deleted-wf-0123456789abcdef012345';

	before(async () => {
		n8n = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://x');
				hits.push({ path: url.pathname, body, headers: req.headers });
				const token = owners.get(url.pathname);
				if (token === undefined || req.method !== 'POST') {
					res
						.writeHead(404, { 'content-type': 'application/json' })
						.end('{"message":"not registered"}');
				} else if (url.searchParams.get('token') !== token) {
					res
						.writeHead(401, { 'content-type': 'application/json' })
						.end('{"error":"Unauthorized"}');
				} else {
					res
						.writeHead(200, { 'content-type': 'application/json' })
						.end('{"received":0,"accepted":0}');
				}
			});
		});
		await new Promise<void>((r) => n8n.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(n8n.address() as AddressInfo).port}/`;
	});

	after(async () => {
		n8n.closeAllConnections();
		await new Promise<void>((r) => n8n.close(() => r()));
	});

	async function subscribe(hookUrl: string, triggerName = 'call_completed', campaignId = '*') {
		const res = await fetch(`${emu.baseUrl}/events-gateway/trigger/subscribe`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'api-key': API_KEY },
			body: JSON.stringify({ hookUrl, campaignId, triggerName, provider: 'custom' }),
		});
		assert.equal(res.status, 201, await res.text());
	}

	const hook = (id: string, event: string, token: string, endpoint = 'webhook') =>
		`${base}${endpoint}/${id}/atlas?event=${event}&token=${token}`;
	const OWNED = () => hook('wf-active', 'call_completed', TOKEN_OK);
	const STALE = () => hook('wf-active', 'call_started', TOKEN_OLD);
	const GONE = () => hook('wf-deleted', 'call_completed', TOKEN_GONE);
	const TEST_LEFTOVER = () => hook('wf-active', 'call_completed', TOKEN_GONE, 'webhook-test');
	const ELSEWHERE =
		'https://hooks.example.com/atlas?event=call_completed&token=other-system-token-123456';
	const PLAIN = () => `${base}webhook/my-plain-webhook`;

	async function setup() {
		owners.clear();
		owners.set('/webhook/wf-active/atlas', TOKEN_OK);
		hits.length = 0;
		await subscribe(OWNED());
		await subscribe(STALE(), 'call_started');
		await subscribe(GONE(), 'call_completed', 'cmp_sales');
		await subscribe(TEST_LEFTOVER());
		await subscribe(ELSEWHERE);
		await subscribe(PLAIN(), 'message_received');
	}

	const params = (dryRun?: boolean, options: INodeParameters = {}): INodeParameters => ({
		resource: 'webhook',
		operation: 'cleanUpOrphans',
		...(dryRun === undefined ? {} : { dryRun }),
		cleanupOptions: options,
	});
	const redacted = (url: string) => url.replace(/([?&]token=)[^&]*/, '$1***');
	const byUrl = (items: IDataObject[]) =>
		new Map(items.map((i) => [String(i.hookUrl) + ' ' + String(i.triggerName), i]));

	it('dry run (the default): one item per subscription at this n8n, orphan true/false with the reason; nothing removed', async () => {
		await setup();
		const items = json(await run(params(), { webhookBaseUrl: base }));
		const rows = byUrl(items);
		assert.equal(items.length, 5, 'everything under the base URL, nothing elsewhere');
		assert.ok(![...rows.keys()].some((k) => k.includes('hooks.example.com')));
		const owned = rows.get(`${redacted(OWNED())} call_completed`)!;
		assert.equal(owned.orphan, false);
		assert.equal(owned.action, 'keep');
		assert.equal(owned.checkStatus, 200);
		assert.match(String(owned.reason), /In use/);
		const stale = rows.get(`${redacted(STALE())} call_started`)!;
		assert.equal(stale.orphan, true);
		assert.equal(stale.checkStatus, 401);
		assert.match(String(stale.reason), /newer token/);
		assert.equal(stale.action, 'would remove');
		const gone = rows.get(`${redacted(GONE())} call_completed`)!;
		assert.equal(gone.orphan, true);
		assert.equal(gone.checkStatus, 404);
		assert.equal(gone.campaignId, 'cmp_sales');
		const test = rows.get(`${redacted(TEST_LEFTOVER())} call_completed`)!;
		assert.equal(test.orphan, true);
		assert.match(String(test.reason), /test event/);
		const plain = rows.get(`${PLAIN()} message_received`)!;
		assert.equal(plain.orphan, false);
		assert.match(String(plain.reason), /Not an Atlas Trigger address/);
		assert.equal(plain.checkStatus, null);
		assert.ok(items.every((i) => i.dryRun === true));

		assert.equal(emu.subscriptions().length, 6, 'nothing removed');
		const text = JSON.stringify(items);
		for (const token of [TOKEN_OK, TOKEN_OLD, TOKEN_GONE])
			assert.ok(!text.includes(token), 'no token in the output');
		// the probes: an empty JSON array, without the Atlas api-key; the plain webhook never called
		assert.equal(hits.length, 4);
		for (const hit of hits) {
			assert.equal(hit.body, '[]');
			assert.equal(hit.headers['api-key'], undefined);
			assert.ok(!JSON.stringify(hit.headers).includes(API_KEY));
		}
		assert.ok(!hits.some((h) => h.path === '/webhook/my-plain-webhook'));
	});

	it("finds this n8n's webhook base URL itself (from $execution.resumeUrl)", async () => {
		await setup();
		const items = json(await run(params(true), { webhookBaseUrl: base }));
		const other = json(await run(params(true), { webhookBaseUrl: 'http://127.0.0.1:9/' }));
		assert.equal(items.length, 5);
		assert.deepEqual(other, [], 'another base URL: none of these subscriptions is "this n8n\'s"');
		// the option wins over what n8n reports
		const given = json(
			await run(params(true, { webhookBaseUrl: base.replace(/\/$/, '') }), {
				webhookBaseUrl: 'http://127.0.0.1:9/',
			}),
		);
		assert.equal(given.length, 5);
	});

	it('real run: removes exactly the orphans (with their four values), keeps the rest, reports each', async () => {
		await setup();
		const items = json(await run(params(false), { webhookBaseUrl: base }));
		const removed = items
			.filter((i) => i.removed === true)
			.map((i) => `${i.triggerName} ${i.hookUrl}`)
			.sort();
		assert.deepEqual(
			removed,
			[
				`call_completed ${redacted(GONE())}`,
				`call_completed ${redacted(TEST_LEFTOVER())}`,
				`call_started ${redacted(STALE())}`,
			].sort(),
		);
		assert.ok(
			items.filter((i) => i.orphan).every((i) => i.action === 'removed' && i.existed === true),
		);
		assert.ok(
			items.filter((i) => !i.orphan).every((i) => i.action === 'keep' && i.removed === false),
		);
		assert.deepEqual(
			emu
				.subscriptions()
				.map((s) => s.hookUrl)
				.sort(),
			[OWNED(), ELSEWHERE, PLAIN()].sort(),
		);
	});

	it('an orphan that is owned when checked again (workflow being activated) is kept', async () => {
		await setup();
		let gets = 0;
		const listener = (req: { url?: string }) => {
			if (req.url?.startsWith('/webhook/wf-deleted/') && ++gets === 1) {
				// activated between the first check and the re-check
				owners.set('/webhook/wf-deleted/atlas', TOKEN_GONE);
			}
		};
		n8n.prependListener('request', listener);
		try {
			const items = json(await run(params(false), { webhookBaseUrl: base }));
			const gone = byUrl(items).get(`${redacted(GONE())} call_completed`)!;
			assert.equal(gone.orphan, false);
			assert.equal(gone.removed, false);
			assert.ok(emu.subscriptions().some((s) => s.hookUrl === GONE()));
		} finally {
			n8n.removeListener('request', listener);
		}
	});

	it('keeps what it cannot check (n8n does not answer at that address)', async () => {
		owners.clear();
		hits.length = 0;
		const deadBase = 'http://127.0.0.1:9/'; // discard port: nothing listens
		await subscribe(`${deadBase}webhook/wf-x/atlas?event=call_completed&token=${TOKEN_GONE}`);
		const items = json(await run(params(false), { webhookBaseUrl: deadBase }));
		assert.equal(items.length, 1);
		assert.equal(items[0].orphan, false);
		assert.match(String(items[0].reason), /Could not be checked \(connection refused\)/);
		assert.equal(emu.subscriptions().length, 1);
	});

	it('a failed removal fails the node, or with Continue On Fail is reported on its item', async () => {
		await setup();
		emu.setFault({ path: '/events-gateway/trigger/unsubscribe', type: '500', count: 1 });
		await assert.rejects(
			run(params(false), { webhookBaseUrl: base }),
			/1 of 3 orphaned Atlas subscription\(s\) could not be removed \(2 removed\)/,
		);
		await setup(); // the two removed come back, the third is still there
		emu.setFault({ path: '/events-gateway/trigger/unsubscribe', type: '500', count: 1 });
		const items = json(await run(params(false), { webhookBaseUrl: base, continueOnFail: true }));
		const failed = items.filter((i) => i.action === 'remove failed');
		assert.equal(failed.length, 1);
		assert.match(String(failed[0].error), /internal error/);
		assert.equal(items.filter((i) => i.action === 'removed').length, 2);
	});
});

// -------------------------------------------------------------------------------------------
describe('Call > Get: Download Recording', () => {
	const get = (callId: string, options: INodeParameters): INodeParameters => ({
		resource: 'call',
		operation: 'get',
		callId,
		getOptions: options,
	});

	it('puts the recording into binary "recording" (<callId>.mp3, audio/mpeg), next to the call', async () => {
		const call = emu.calls.find((c) => c.recordingUrl)!;
		const [item] = await run(get(call.id, { downloadRecording: true }));
		assert.equal(item.json.callId, call.id);
		assert.equal(item.json.recordingError, undefined);
		const binary = item.binary?.recording;
		assert.ok(binary);
		assert.ok(Buffer.from(binary.data, 'base64').equals(FAKE_MP3));
		assert.equal(binary.fileName, `${call.id}.mp3`);
		assert.equal(binary.mimeType, 'audio/mpeg');
		assert.deepEqual(item.pairedItem, { item: 0 });
	});

	it('off by default: no download', async () => {
		const call = emu.calls.find((c) => c.recordingUrl)!;
		const [item] = await run(get(call.id, {}));
		assert.equal(item.binary, undefined);
		assert.equal(emu.requests({ path: `/recordings/${call.id}.mp3` }).length, 0);
	});

	it('a call without recording, a too large one and an unreachable one keep the item with recordingError', async () => {
		const none = emu.calls.find((c) => !c.recordingUrl)!;
		const [a] = await run(get(none.id, { downloadRecording: true }));
		assert.equal(a.json.recordingError, 'The call has no recording URL');
		assert.equal(a.binary, undefined);

		const call = emu.calls.find((c) => c.recordingUrl)!;
		const [b] = await run(get(call.id, { downloadRecording: true, maxRecordingSizeMb: 0.00001 }));
		assert.match(String(b.json.recordingError), /larger than the limit/);
		assert.equal(b.binary, undefined);
		assert.equal(b.json.callId, call.id);

		call.recordingUrl = 'http://127.0.0.1:9/recordings/x.mp3';
		const [c] = await run(get(call.id, { downloadRecording: true }));
		assert.match(String(c.json.recordingError), /could not be downloaded/);
		assert.equal(c.json.summary, call.summary);
	});
});
