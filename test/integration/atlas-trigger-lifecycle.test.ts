// Atlas Trigger activation and deactivation: checkExists / create / delete run through n8n-core's
// HookContext (test/helpers/engine.ts) against the in-process Atlas emulator.
// The harness must be imported before anything that loads n8n-core.
import {
	activateWebhook,
	DEFAULT_WEBHOOK_ID,
	registerCredentialTypes,
	runHook,
} from '../helpers/engine';
import type { WebhookMode } from '../helpers/engine';

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import dns from 'node:dns';
import { after, before, beforeEach, describe, it, mock } from 'node:test';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import type { INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'AtlasTrigger.node' to the codex file AtlasTrigger.node.json
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { buildHookUrl } from '../../nodes/AtlasTrigger/activation/hookUrl';
import { deriveToken } from '../../nodes/AtlasTrigger/activation/token';
import type { TriggerState } from '../../nodes/AtlasTrigger/activation/state';
import { startEmulator } from '../emulator';
import type { Campaign, Emulator, RequestLogEntry } from '../emulator';

const API_KEY = 'lifecycle-key';
const NEW_KEY = 'lifecycle-key-rotated';
const ATLAS_CLOUD = 'https://api.youratlas.com/v1/api';
const SUBSCRIBE = '/events-gateway/trigger/subscribe';
const UNSUBSCRIBE = '/events-gateway/trigger/unsubscribe';
const LIST = '/events-gateway/trigger/list';
const BASE = 'http://localhost:5678/';
const PROD_URL = `${BASE}webhook/${DEFAULT_WEBHOOK_ID}/atlas`;
const TEST_URL = `${BASE}webhook-test/${DEFAULT_WEBHOOK_ID}/atlas`;

let emu: Emulator;
const trigger = new AtlasTrigger();

type Sub = {
	hookUrl: string;
	campaignId: string;
	triggerName: string;
	provider: string;
};
/** The trigger's static data: the node's own type. */
type State = TriggerState;

// ---------------------------------------------------------------------------------------------
// helpers

type Params = INodeParameters;
const selected = (events: string[], campaignIds: string[]): Params => ({
	events,
	campaignScope: 'selected',
	campaignIds,
});
const allCampaigns = (events: string[]): Params => ({ events, campaignScope: 'all' });

interface HookOptions {
	staticData?: State;
	webhookMode?: WebhookMode;
	webhookBaseUrl?: string;
	apiKey?: string;
	baseUrl?: string;
}

function hookOptions(parameters: Params, o: HookOptions = {}) {
	return {
		parameters,
		credentials: { atlasApi: { apiKey: o.apiKey ?? API_KEY, baseUrl: o.baseUrl ?? emu.baseUrl } },
		staticData: o.staticData ?? {},
		webhookMode: o.webhookMode ?? 'activate',
		webhookBaseUrl: o.webhookBaseUrl ?? BASE,
	};
}

/** n8n's `create` on activation; answers the node's static data afterwards. */
async function create(parameters: Params, o: HookOptions = {}): Promise<State> {
	const run = await runHook(trigger, 'create', hookOptions(parameters, o));
	assert.equal(run.result, true);
	return run.staticData as State;
}

async function createError(
	parameters: Params,
	o: HookOptions = {},
): Promise<Error & { description?: string }> {
	try {
		await runHook(trigger, 'create', hookOptions(parameters, o));
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new assert.AssertionError({ message: 'create was expected to fail' });
}

async function checkExists(
	parameters: Params,
	staticData: State,
	o: HookOptions = {},
): Promise<boolean> {
	// n8n start ('init') by default: that is where a matching record is trusted
	const run = await runHook(
		trigger,
		'checkExists',
		hookOptions(parameters, { webhookMode: 'init', ...o, staticData }),
	);
	return run.result === true;
}

async function remove(
	staticData: State,
	parameters: Params = allCampaigns(['call_completed']),
	o: HookOptions = {},
) {
	return await runHook(
		trigger,
		'delete',
		hookOptions(parameters, { webhookMode: 'deactivate', ...o, staticData }),
	);
}

/** The activation's token, derived as the trigger does (static data does not hold it). */
function tokenOf(state: State, apiKey = API_KEY): string | undefined {
	return state.nonce ? deriveToken(apiKey, state.nonce) : state.token;
}

/** The recorded subscriptions with the hookUrl each was made with, rebuilt from static data. */
function full(state: State, apiKey = API_KEY): Sub[] {
	return (state.subscriptions ?? []).map((r) => ({
		hookUrl:
			r.hookUrl ??
			buildHookUrl(
				r.webhookUrl ?? state.webhookUrl!,
				r.triggerName,
				deriveToken(apiKey, r.nonce ?? state.nonce!),
				r.nonce ?? state.nonce,
			),
		campaignId: r.campaignId,
		triggerName: r.triggerName,
		provider: r.provider,
	}));
}

/** Static data holds neither the token nor a hookUrl carrying it (n8n 1.123 copies it into every execution). */
function assertNoToken(
	state: State,
	tokens: Iterable<string> = emu
		.subscriptions()
		.map((s) => new URL(s.hookUrl).searchParams.get('token')!),
) {
	const json = JSON.stringify(state);
	for (const token of tokens) assert.ok(!json.includes(token), 'no token in static data');
	assert.ok(!/token=/i.test(json), 'no hookUrl with a token in static data');
	assert.ok(!json.includes('"hookUrl"'), 'no hookUrl in static data');
	assert.ok(!json.includes(API_KEY), 'no api-key in static data');
}

/** The four identifying values, sorted, for comparing sets of subscriptions. */
function four(subs: readonly Sub[]): string[] {
	return subs
		.map((s) => JSON.stringify([s.triggerName, s.campaignId, s.hookUrl, s.provider]))
		.sort();
}

const requests = (method: string, path?: string): RequestLogEntry[] =>
	emu.requests({ method }).filter((r) => !path || r.path.endsWith(path));

function fullText(error: Error & { description?: string }): string {
	return `${error.message} ${error.description ?? ''}`;
}

/** Peak number of requests the emulator was serving at once (from its log: start + duration). */
function peakInFlight(entries: RequestLogEntry[]): number {
	const points: Array<[number, number]> = [];
	for (const r of entries) {
		const start = Date.parse(r.time);
		points.push([start, 1], [start + r.durationMs, -1]);
	}
	// an end at the same millisecond as a start is counted first (end-exclusive intervals)
	points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let peak = 0;
	for (const [, delta] of points) {
		now += delta;
		peak = Math.max(peak, now);
	}
	return peak;
}

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ port: 0, apiKey: API_KEY });
});
after(async () => {
	await emu.close();
});
beforeEach(() => {
	emu.reset();
	emu.setLatency(0);
});

// ---------------------------------------------------------------------------------------------

describe('Atlas Trigger: create', () => {
	it('makes one subscription per event x campaign, provider "custom", hookUrl = production URL + event + token', async () => {
		const events = ['call_completed', 'message_received'];
		const campaigns = ['cmp_sales', 'cmp_support', 'cmp_chat'];
		const state = await create(selected(events, campaigns));

		const held = emu.subscriptions();
		assert.equal(held.length, 6);
		assert.equal(requests('POST', SUBSCRIBE).length, 6, 'one subscribe request per subscription');
		const pairs = held.map((s) => `${s.triggerName}/${s.campaignId}`).sort();
		assert.deepEqual(pairs, events.flatMap((e) => campaigns.map((c) => `${e}/${c}`)).sort());

		const tokens = new Set<string>();
		for (const s of held) {
			assert.equal(s.provider, 'custom');
			const url = new URL(s.hookUrl);
			assert.equal(`${url.origin}${url.pathname}`, PROD_URL);
			assert.deepEqual([...url.searchParams.keys()].sort(), ['event', 'n', 'token']);
			assert.equal(url.searchParams.get('event'), s.triggerName);
			const token = url.searchParams.get('token')!;
			assert.ok(
				Buffer.from(token, 'base64url').length >= 16,
				`token ${token} carries at least 128 bits`,
			);
			assert.match(token, /^[A-Za-z0-9_-]+$/, 'URL-safe token');
			tokens.add(token);
		}
		assert.equal(tokens.size, 1, 'one token for the whole activation');
		assert.equal(
			tokenOf(state),
			[...tokens][0],
			'the token is the HMAC of the nonce under the api-key',
		);
		assert.equal(
			state.tokenHash,
			createHash('sha256')
				.update([...tokens][0])
				.digest('base64url'),
		);
		assert.equal(state.webhookUrl, PROD_URL);
		// static data records exactly what Atlas holds, and no secret at all
		assert.deepEqual(four(full(state)), four(held));
		assert.deepEqual(Object.keys(state.subscriptions![0]).sort(), [
			'campaignId',
			'provider',
			'triggerName',
		]);
		assertNoToken(state, tokens);
	});

	it('"All campaigns" subscribes each event once with campaignId "*"', async () => {
		const state = await create(allCampaigns(['call_started', 'call_completed', 'message_sent']));
		const held = emu.subscriptions();
		assert.equal(held.length, 3);
		assert.ok(held.every((s) => s.campaignId === '*'));
		assert.deepEqual(held.map((s) => s.triggerName).sort(), [
			'call_completed',
			'call_started',
			'message_sent',
		]);
		assert.deepEqual(four(full(state)), four(held));
	});

	it('"*" among selected campaigns means all campaigns', async () => {
		await create(selected(['call_completed'], ['cmp_sales', '*']));
		assert.deepEqual(
			emu.subscriptions().map((s) => s.campaignId),
			['*'],
		);
	});

	it('a new activation gets a new token; the earlier subscriptions are replaced', async () => {
		const first = await create(allCampaigns(['call_completed']));
		const firstToken = tokenOf(first);
		const second = await create(allCampaigns(['call_completed']), { staticData: first });
		assert.ok(tokenOf(second) && tokenOf(second) !== firstToken, 'a fresh token per activation');
		const held = emu.subscriptions();
		assert.equal(held.length, 1, 'the old subscription was removed');
		assert.equal(new URL(held[0].hookUrl).searchParams.get('token'), tokenOf(second));
		assert.deepEqual(four(full(second)), four(held));
		assertNoToken(second, [firstToken!, tokenOf(second)!]);

		// independent activations (fresh static data) never share a token either
		const other = await create(allCampaigns(['call_started']));
		assert.notEqual(tokenOf(other), tokenOf(second));
	});

	it('rejects a parameter set with no events, before calling Atlas', async () => {
		const error = await createError({ events: [], campaignScope: 'all' });
		assert.match(error.message, /at least one event/i);
		assert.equal(emu.requests().length, 0);
	});
});

describe('Atlas Trigger: create rolls back when a subscribe fails', () => {
	it("an unknown campaign (404): everything made is removed; the error names event, campaign and Atlas's answer", async () => {
		const staticData: State = {};
		const params = selected(
			['call_completed', 'call_started'],
			['cmp_sales', 'cmp_support', 'cmp_gone'],
		);
		const error = await createError(params, { staticData });
		assert.equal(emu.subscriptions().length, 0, 'Atlas holds nothing afterwards');
		const made = requests('POST', SUBSCRIBE).filter((r) => r.status === 201);
		assert.equal(made.length, 4, 'the four subscriptions for known campaigns were made...');
		const undone = requests('DELETE', UNSUBSCRIBE).filter((r) => r.status === 200);
		assert.equal(undone.length, 4, '...and each was unsubscribed again');
		assert.deepEqual(staticData.subscriptions ?? [], [], 'nothing is recorded as subscribed');
		assert.equal(staticData.token, undefined, 'no token of a failed activation is kept');
		assert.equal(staticData.nonce, undefined, 'nor its nonce');

		const text = fullText(error);
		assert.match(text, /"call_(completed|started)"/, 'names the event');
		assert.match(text, /cmp_gone/, 'names the campaign');
		assert.match(text, /not found/i, 'says what Atlas answered');
	});

	it("a 500 on one subscribe: rollback, Atlas's message in the error, and a later activation succeeds", async () => {
		emu.setFault({ path: SUBSCRIBE, method: 'POST', type: '500', count: 1 });
		const staticData: State = {};
		const params = selected(
			['call_completed', 'message_sent'],
			['cmp_sales', 'cmp_support', 'cmp_chat'],
		);
		const error = await createError(params, { staticData });
		const failed = requests('POST', SUBSCRIBE).find((r) => r.status === 500)!;
		const body = failed.body as Sub;
		assert.ok(
			requests('POST', SUBSCRIBE).filter((r) => r.status === 201).length > 0,
			'some subscribes succeeded',
		);
		assert.equal(emu.subscriptions().length, 0, 'all of them were removed again');
		const text = fullText(error);
		assert.ok(
			text.includes(`"${body.triggerName}"`),
			`names the event ${body.triggerName}: ${text}`,
		);
		assert.ok(text.includes(body.campaignId), `names the campaign ${body.campaignId}`);
		assert.match(text, /Internal server error/, "carries Atlas's own message");
		assert.match(text, /500/);

		// the fault is gone: activating again (same static data, as n8n would) works
		const state = await create(params, { staticData });
		assert.equal(emu.subscriptions().length, 6);
		assert.deepEqual(four(full(state)), four(emu.subscriptions()));
	});

	it('a 400 from Atlas: its message is quoted in the error', async () => {
		emu.configure({ requireHttps: true });
		const error = await createError(selected(['message_received'], ['cmp_chat']));
		assert.match(error.message, /message_received/);
		assert.match(error.message, /cmp_chat/);
		assert.match(error.message, /hookUrl must be an HTTPS URL/);
		assert.equal(emu.subscriptions().length, 0);
	});
});

describe('Atlas Trigger: checkExists', () => {
	const params = selected(['call_completed', 'message_received'], ['cmp_sales', 'cmp_chat']);

	it('is false when a user activates, even with a matching record: it is a leftover', async () => {
		const state = await create(params);
		assert.equal(await checkExists(params, state, { webhookMode: 'activate' }), false);
	});

	it('after a deactivation that failed and was not saved (n8n 1.x), activating again leaves exactly the new subscriptions', async () => {
		const state = await create(params);
		const before = structuredClone(state);
		const oldToken = tokenOf(before);
		emu.setFault({ path: UNSUBSCRIBE, method: 'DELETE', type: '500', count: 1 });
		await assert.rejects(remove(state, params));
		emu.clearFaults();
		// n8n 1.x does not save static data when delete() throws: the next activation sees the old record
		const { staticData } = await activateWebhook(
			trigger,
			hookOptions(params, { staticData: before }),
		);
		const held = emu.subscriptions();
		assert.equal(held.length, 4, 'one per event x campaign, no leftover');
		const token = tokenOf(staticData as State)!;
		assert.notEqual(token, oldToken);
		assert.ok(
			held.every((h) => h.hookUrl.includes(`token=${token}`)),
			'all from the new activation',
		);
	});

	it('is false on empty static data, true once create recorded exactly what the parameters need', async () => {
		assert.equal(await checkExists(params, {}), false);
		const state = await create(params);
		assert.equal(await checkExists(params, state), true);
		assert.equal(
			await checkExists(params, state, { webhookMode: 'init' }),
			true,
			'on n8n start too',
		);
		// the events and campaigns in another order are the same need
		assert.equal(
			await checkExists(
				selected(['message_received', 'call_completed'], ['cmp_chat', 'cmp_sales']),
				state,
			),
			true,
		);
	});

	it('is false after a change of events, campaigns, api key, base URL or webhook URL', async () => {
		const state = await create(params);
		const cases: Array<[string, Params, HookOptions]> = [
			['one event fewer', selected(['call_completed'], ['cmp_sales', 'cmp_chat']), {}],
			[
				'one event more',
				selected(['call_completed', 'message_received', 'call_started'], ['cmp_sales', 'cmp_chat']),
				{},
			],
			[
				'other campaigns',
				selected(['call_completed', 'message_received'], ['cmp_sales', 'cmp_support']),
				{},
			],
			['one campaign fewer', selected(['call_completed', 'message_received'], ['cmp_sales']), {}],
			['all campaigns', allCampaigns(['call_completed', 'message_received']), {}],
			['another api key', params, { apiKey: 'another-key' }],
			['another base URL', params, { baseUrl: emu.baseUrl.replace('127.0.0.1', 'localhost') }],
			['another webhook URL', params, { webhookBaseUrl: 'http://127.0.0.1:5678/' }],
			['the test URL', params, { webhookMode: 'manual' }],
		];
		for (const [what, p, o] of cases) {
			assert.equal(await checkExists(p, structuredClone(state), o), false, what);
		}
		assert.equal(await checkExists(params, state), true, 'unchanged: still true');
	});

	it('is false when static data lost a subscription or its token', async () => {
		const state = await create(params);
		const fewer = structuredClone(state);
		fewer.subscriptions!.pop();
		assert.equal(await checkExists(params, fewer), false);
		const more = structuredClone(state);
		more.subscriptions!.push({ ...more.subscriptions![0], campaignId: 'cmp_support' });
		assert.equal(await checkExists(params, more), false);
		const noToken = structuredClone(state);
		delete noToken.nonce;
		assert.equal(await checkExists(params, noToken), false);
		const otherToken = structuredClone(state);
		otherToken.nonce = 'x'.repeat(32);
		assert.equal(await checkExists(params, otherToken), false);
		const otherHash = structuredClone(state);
		otherHash.tokenHash = 'x'.repeat(43);
		assert.equal(await checkExists(params, otherHash), false);
	});

	it('never calls Atlas: no DELETE (nor anything else), and changes nothing', async () => {
		const state = await create(params);
		const snapshot = structuredClone(state);
		emu.clearRequests();
		await checkExists(params, state);
		await checkExists(allCampaigns(['call_started']), state);
		await checkExists(params, state, { apiKey: 'another-key' });
		await checkExists(params, state, { webhookMode: 'init' });
		assert.equal(requests('DELETE').length, 0);
		assert.equal(emu.requests().length, 0);
		assert.deepEqual(state, snapshot);
		assert.equal(emu.subscriptions().length, 4);
	});
});

describe('Atlas Trigger: delete', () => {
	const params = selected(
		['call_completed', 'call_started'],
		['cmp_sales', 'cmp_support', 'cmp_chat'],
	);

	it('unsubscribes each recorded subscription with the same four values and forgets them', async () => {
		const state = await create(params);
		const recorded = full(state);
		emu.clearRequests();
		const run = await remove(state, params);
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0);
		const deletes = requests('DELETE', UNSUBSCRIBE);
		assert.equal(deletes.length, 6);
		assert.deepEqual(
			four(deletes.map((r) => r.body as Sub)),
			four(recorded),
			'the same four values',
		);
		assert.ok(
			deletes.every((r) => Object.keys(r.body as object).length === 4),
			'exactly those four values',
		);
		assert.deepEqual(state.subscriptions, []);
		assert.equal(state.nonce, undefined);
		assert.equal(state.tokenHash, undefined);
		assert.equal(await checkExists(params, state), false);
	});

	it('a subscription already gone (404) counts as done', async () => {
		const state = await create(params);
		// someone removed one of them in Atlas meanwhile
		const gone = full(state)[2];
		const res = await fetch(`${emu.baseUrl}${UNSUBSCRIBE}`, {
			method: 'DELETE',
			headers: { 'api-key': API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify(gone),
		});
		assert.equal(res.status, 200);
		emu.clearRequests();
		const run = await remove(state, params);
		assert.equal(run.result, true);
		assert.equal(
			requests('DELETE', UNSUBSCRIBE).filter((r) => r.status === 404).length,
			1,
			'Atlas said 404 once',
		);
		assert.deepEqual(state.subscriptions, []);
		assert.equal(emu.subscriptions().length, 0);
	});

	it('with faults it tries all, forgets those removed, keeps the rest and names them; a second delete finishes', async () => {
		const state = await create(params);
		emu.clearRequests();
		emu.setFault({ path: UNSUBSCRIBE, method: 'DELETE', type: '500', count: 2 });

		let error: (Error & { description?: string }) | undefined;
		try {
			await remove(state, params);
		} catch (e) {
			error = e as Error & { description?: string };
		}
		assert.ok(error, 'delete fails while subscriptions remain');
		assert.equal(requests('DELETE', UNSUBSCRIBE).length, 6, 'every subscription was tried');
		const held = emu.subscriptions();
		assert.equal(held.length, 2, 'the two faulted ones are still in Atlas');
		assert.deepEqual(four(full(state)), four(held), 'exactly those stay recorded');
		assert.ok(
			state.nonce && state.tokenHash,
			'the token stays derivable while subscriptions remain (deliveries still authenticate)',
		);
		assertNoToken(state);
		assert.match(error.message, /2 of 6/);
		for (const s of held) {
			assert.ok(
				error.message.includes(`"${s.triggerName}" for campaign "${s.campaignId}"`),
				`names ${s.triggerName}/${s.campaignId}`,
			);
		}
		assert.ok(!error.message.includes(tokenOf(state)!), 'the token is not in the message');

		// the fault is used up: deactivating again removes the rest
		emu.clearRequests();
		const again = await remove(state, params);
		assert.equal(again.result, true);
		assert.equal(requests('DELETE', UNSUBSCRIBE).length, 2, 'only what remained is tried again');
		assert.equal(emu.subscriptions().length, 0);
		assert.deepEqual(state.subscriptions, []);
	});

	it('with nothing recorded it only asks Atlas what it holds at this address, and succeeds', async () => {
		const run = await remove({}, params);
		assert.equal(run.result, true);
		assert.ok(emu.requests().length > 0);
		assert.ok(emu.requests().every((r) => r.route === 'GET /events-gateway/trigger/list'));
	});
});

describe('Atlas Trigger: the webhook URL must be public HTTPS against the real Atlas', () => {
	/** Any DNS lookup fails at once and is recorded: proves whether a request was attempted, offline. */
	async function withOfflineDns<T>(fn: (lookups: string[]) => Promise<T>): Promise<T> {
		const original = dns.lookup;
		const lookups: string[] = [];
		(dns as unknown as { lookup: unknown }).lookup = (
			host: string,
			options: unknown,
			callback?: unknown,
		) => {
			lookups.push(host);
			const cb = (typeof options === 'function' ? options : callback) as (e: Error) => void;
			process.nextTick(() =>
				cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })),
			);
		};
		try {
			return await fn(lookups);
		} finally {
			(dns as unknown as { lookup: unknown }).lookup = original;
		}
	}

	for (const webhookBaseUrl of [
		'http://localhost:5678/',
		'http://127.0.0.1:5678/',
		'https://192.168.1.20/',
		'https://n8n.local/',
		'http://n8n.example.com/',
	]) {
		it(`${webhookBaseUrl} fails activation before any request, explaining WEBHOOK_URL / N8N_WEBHOOK_URL`, async () => {
			await withOfflineDns(async (lookups) => {
				const staticData: State = {};
				const error = await createError(allCampaigns(['call_completed']), {
					baseUrl: ATLAS_CLOUD,
					webhookBaseUrl,
					staticData,
				});
				const text = fullText(error);
				assert.match(text, /WEBHOOK_URL/);
				assert.match(text, /N8N_WEBHOOK_URL/);
				assert.match(text, /proxy/i);
				assert.deepEqual(lookups, [], 'no request was attempted');
				assert.deepEqual(staticData, {}, 'nothing recorded');
			});
		});
	}

	it('a public https URL passes the check: the request to Atlas is attempted (and fails offline)', async () => {
		await withOfflineDns(async (lookups) => {
			const error = await createError(allCampaigns(['call_completed']), {
				baseUrl: ATLAS_CLOUD,
				webhookBaseUrl: 'https://n8n.example.com/',
			});
			assert.doesNotMatch(fullText(error), /WEBHOOK_URL/);
			assert.match(error.message, /unreachable/i);
			assert.ok(lookups.includes('api.youratlas.com'), 'Atlas was called');
		});
	});

	it('plain http to localhost is allowed when the base URL is not Atlas (the emulator)', async () => {
		const state = await create(allCampaigns(['call_completed']), {
			webhookBaseUrl: 'http://localhost:5678/',
		});
		assert.equal(emu.subscriptions().length, 1);
		assert.match(emu.subscriptions()[0].hookUrl, /^http:\/\/localhost:5678\/webhook\//);
		assert.match(full(state)[0].hookUrl, /^http:\/\/localhost:5678\/webhook\//);
	});
});

describe('Atlas Trigger: "Listen for test event"', () => {
	it('subscribes with the /webhook-test/ URL and cleans up on delete', async () => {
		const params = selected(['call_completed', 'message_sent'], ['cmp_sales', 'cmp_chat']);
		const staticData: State = {}; // n8n starts a test run with empty static data
		await create(params, { webhookMode: 'manual', staticData });
		const held = emu.subscriptions();
		assert.equal(held.length, 4);
		for (const s of held) {
			const url = new URL(s.hookUrl);
			assert.equal(`${url.origin}${url.pathname}`, TEST_URL);
			assert.ok(!s.hookUrl.includes('/webhook/'), 'not the production URL');
		}
		assert.equal(staticData.webhookUrl, TEST_URL);
		assert.equal(await checkExists(params, staticData, { webhookMode: 'manual' }), true);

		const run = await remove(staticData, params, { webhookMode: 'manual' });
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0);
		assert.deepEqual(staticData.subscriptions, []);
	});

	it('test and production subscriptions live side by side and are removed separately', async () => {
		const params = allCampaigns(['call_completed']);
		const prod = await create(params);
		const test: State = {};
		await create(params, { webhookMode: 'manual', staticData: test });
		assert.equal(emu.subscriptions().length, 2);
		assert.notEqual(tokenOf(prod), tokenOf(test));
		await remove(test, params, { webhookMode: 'manual' });
		assert.deepEqual(four(emu.subscriptions()), four(full(prod)), 'production stays');
	});
});

describe('Atlas Trigger: bounded concurrency', () => {
	it('4 events x 10 campaigns subscribe concurrently, never more than 8 at once', async () => {
		const campaigns: string[] = [];
		const seed = emu.campaigns[0];
		for (let i = 0; i < 10; i++) {
			const id = `cmp_bulk_${i}`;
			emu.campaigns.push({ ...(seed as Campaign), id, name: `Bulk ${i}` });
			campaigns.push(id);
		}
		const latency = 100;
		emu.setLatency(latency, SUBSCRIBE, 'POST');
		const params = selected(
			['call_started', 'call_completed', 'message_received', 'message_sent'],
			campaigns,
		);

		const started = Date.now();
		const state = await create(params);
		const elapsed = Date.now() - started;

		assert.equal(emu.subscriptions().length, 40);
		assert.equal(state.subscriptions!.length, 40);
		const sequential = 40 * latency;
		assert.ok(
			elapsed < sequential * 0.4,
			`took ${elapsed} ms; one by one would take ${sequential} ms`,
		);
		const peak = peakInFlight(requests('POST', SUBSCRIBE));
		assert.ok(peak <= 8, `at most 8 subscribe requests in flight (saw ${peak})`);
		assert.ok(peak >= 4, `requests overlap (saw ${peak})`);

		// deactivation is bounded the same way
		emu.clearRequests();
		emu.setLatency(latency, UNSUBSCRIBE, 'DELETE');
		const t = Date.now();
		await remove(state, params);
		assert.ok(Date.now() - t < sequential * 0.4);
		assert.ok(peakInFlight(requests('DELETE', UNSUBSCRIBE)) <= 8);
		assert.equal(emu.subscriptions().length, 0);
		emu.setLatency(0, SUBSCRIBE, 'POST');
		emu.setLatency(0, UNSUBSCRIBE, 'DELETE');
	});
});

describe('Atlas Trigger: the token is not in static data (n8n 1.123 copies it into every execution)', () => {
	const params = selected(['call_completed', 'call_started'], ['cmp_sales', 'cmp_support']);

	/** Static data as the previous version wrote it: the token in clear, full hookUrls. */
	async function legacyActivation(p: Params): Promise<{ state: State; token: string }> {
		const token = 'legacy'.padEnd(32, 'T');
		const subscriptions: Sub[] = [];
		for (const triggerName of p.events as string[]) {
			for (const campaignId of (p.campaignIds as string[] | undefined) ?? ['*']) {
				const sub = {
					hookUrl: buildHookUrl(PROD_URL, triggerName, token),
					campaignId,
					triggerName,
					provider: 'custom',
				};
				const res = await fetch(`${emu.baseUrl}${SUBSCRIBE}`, {
					method: 'POST',
					headers: { 'api-key': API_KEY, 'content-type': 'application/json' },
					body: JSON.stringify(sub),
				});
				assert.equal(res.status, 201);
				subscriptions.push(sub);
			}
		}
		// the fingerprint as the previous version computed it (same formula)
		const credential = createHash('sha256')
			.update(`${emu.baseUrl}\n${API_KEY}`)
			.digest('base64url')
			.slice(0, 16);
		return { state: { token, webhookUrl: PROD_URL, credential, subscriptions }, token };
	}

	it("a failed activation's leftovers are recorded without their token, and removed later", async () => {
		const earlier = await create(params);
		emu.setFault({ path: UNSUBSCRIBE, method: 'DELETE', type: '500', count: 1 });
		emu.setFault({ path: SUBSCRIBE, method: 'POST', type: '500', count: 1 });
		await createError(params, { staticData: earlier });
		emu.clearFaults();
		assert.equal(
			emu.subscriptions().length,
			5,
			'the 4 earlier ones and 1 the rollback could not remove',
		);
		assert.equal(earlier.subscriptions!.length, 5);
		assertNoToken(earlier);
		assert.deepEqual(
			four(full(earlier)),
			four(emu.subscriptions()),
			'what is recorded is what Atlas holds',
		);
		const run = await remove(earlier, params);
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0, 'all removed, with the hookUrls rebuilt');
	});

	it('static data of the previous version (token in clear) is trusted at boot and deactivates cleanly', async () => {
		const { state, token } = await legacyActivation(params);
		assert.equal(
			await checkExists(params, state, { webhookMode: 'init' }),
			true,
			'no resubscription at boot',
		);
		assert.equal(emu.subscriptions().length, 4);
		emu.clearRequests();
		const run = await remove(state, params);
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0, 'unsubscribed with the recorded hookUrls');
		assert.ok(
			requests('DELETE', UNSUBSCRIBE).every((r) =>
				String((r.body as Sub).hookUrl).includes(`token=${token}`),
			),
		);
		assert.deepEqual(state.subscriptions, []);
		assert.equal(state.token, undefined);
	});

	it("activating over the previous version's static data replaces its subscriptions and writes the new format", async () => {
		const { state, token } = await legacyActivation(params);
		await create(params, { staticData: state });
		const held = emu.subscriptions();
		assert.equal(held.length, 4);
		assert.ok(
			held.every((s) => !s.hookUrl.includes(token)),
			'the old subscriptions are gone',
		);
		assert.equal(state.token, undefined);
		assert.deepEqual(four(full(state)), four(held));
		assertNoToken(state, [token]);
	});

	it('after the api-key was rotated, activation removes what the old key made and says so in the log', async () => {
		const state = await create(params);
		const oldHeld = emu.subscriptions();
		emu.setApiKeys([NEW_KEY]);
		const logger = Container.get(Logger);
		const info = mock.method(logger, 'info', () => {});
		try {
			await create(params, { staticData: state, apiKey: NEW_KEY });
			const logged = info.mock.calls.map((c) => String(c.arguments[0])).join('\n');
			assert.match(
				logged,
				/removed 4 subscription\(s\) that earlier activations of this trigger left at Atlas/,
			);
			const meta = JSON.stringify(info.mock.calls.map((c) => c.arguments[1]));
			for (const old of oldHeld)
				assert.ok(!meta.includes(new URL(old.hookUrl).searchParams.get('token')!));
		} finally {
			info.mock.restore();
		}
		assert.deepEqual(four(emu.subscriptions()), four(full(state, NEW_KEY)), 'exactly the new ones');
		assert.equal(emu.subscriptions().length, 4);
	});

	it('deactivating after the api-key was rotated removes what the old key made; re-activating leaves exactly the new ones', async () => {
		const state = await create(params);
		emu.setApiKeys([NEW_KEY]);
		const run = await remove(state, params, { apiKey: NEW_KEY });
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0, 'nothing left in Atlas');
		assert.deepEqual(state.subscriptions, []);
		const again = await create(params, { staticData: state, apiKey: NEW_KEY });
		assert.deepEqual(four(emu.subscriptions()), four(full(again, NEW_KEY)));
		assert.equal(emu.subscriptions().length, 4);
	});

	it('where Atlas cannot list: after the api-key changed, a warning names the earlier subscriptions and the cleanup', async () => {
		const state = await create(params);
		emu.setFault({ path: LIST, method: 'GET', type: '404', count: -1 });
		const oldHeld = emu.subscriptions();
		// as if made with another api-key: its fingerprint differs from the credential's now
		state.credential = 'made-with-another-key';
		const logger = Container.get(Logger);
		const warn = mock.method(logger, 'warn', () => {});
		try {
			emu.clearRequests();
			await create(params, { staticData: state });
			assert.equal(
				requests('DELETE', UNSUBSCRIBE).length,
				0,
				'no unsubscribe with URLs that cannot match',
			);
			const logged = warn.mock.calls.map((c) => String(c.arguments[0])).join('\n');
			assert.match(logged, /4 subscription\(s\)/);
			assert.match(logged, /api-key/);
			assert.match(logged, /Webhook > Clean Up Orphaned Subscriptions/);
			assert.ok(!logged.includes(tokenOf(state)!));
		} finally {
			warn.mock.restore();
		}
		assert.equal(
			emu.subscriptions().length,
			8,
			'the 4 earlier ones stay in Atlas (orphans) next to the 4 new',
		);
		assert.deepEqual(
			four(full(state)),
			four(emu.subscriptions().filter((s) => !oldHeld.some((o) => o.hookUrl === s.hookUrl))),
		);
		assertNoToken(state);
	});

	it('where Atlas cannot list: deactivating after the api-key changed warns about what is left in Atlas', async () => {
		const state = await create(params);
		emu.setFault({ path: LIST, method: 'GET', type: '404', count: -1 });
		state.credential = 'made-with-another-key';
		const logger = Container.get(Logger);
		const warn = mock.method(logger, 'warn', () => {});
		try {
			emu.clearRequests();
			const run = await remove(state, params);
			assert.equal(run.result, true, 'nothing the trigger can still remove is left');
			assert.equal(requests('DELETE', UNSUBSCRIBE).length, 0);
			const logged = warn.mock.calls.map((c) => String(c.arguments[0])).join('\n');
			assert.match(logged, /4 subscription\(s\)/);
			assert.match(logged, /Clean Up Orphaned Subscriptions/);
		} finally {
			warn.mock.restore();
		}
		assert.equal(emu.subscriptions().length, 4, 'still in Atlas (orphans)');
		assert.deepEqual(state.subscriptions, []);
	});
});
