// Atlas Trigger under edits, activations in progress, key rotation and odd payloads, through
// n8n-core's real contexts against the emulator: static data n8n writes back from a delivery
// that ran across an edit never locks the new subscriptions out nor hides them from
// deactivation; a delivery to a subscription made moments ago is accepted; a rotated api-key
// leaves nothing behind; an event with a field nested too deep is kept.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runHook, runWebhook } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { forgetScope } from '../../nodes/AtlasTrigger/dedupe/dedupe';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator';

const API_KEY = 'edits-key';
const NEW_KEY = 'edits-key-rotated';
const trigger = new AtlasTrigger();
let emu: Emulator;
let workflows = 0;

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

const params = (events: string[]): INodeParameters => ({ events, campaignScope: 'all' });
const creds = (apiKey = API_KEY) => ({ atlasApi: { apiKey, baseUrl: emu.baseUrl } });

async function activate(parameters: INodeParameters, staticData: IDataObject, apiKey = API_KEY) {
	const run = await runHook(trigger, 'create', {
		parameters,
		credentials: creds(apiKey),
		staticData,
		webhookMode: 'activate',
	});
	assert.equal(run.result, true);
	return run.staticData;
}

async function deactivate(parameters: INodeParameters, staticData: IDataObject, apiKey = API_KEY) {
	return await runHook(trigger, 'delete', {
		parameters,
		credentials: creds(apiKey),
		staticData,
		webhookMode: 'deactivate',
	});
}

/** Atlas delivering one call event to `hookUrl`, the request reading `staticData`. */
async function deliver(
	hookUrl: string,
	parameters: INodeParameters,
	staticData: IDataObject,
	workflowId: string,
	body?: string,
) {
	const url = new URL(hookUrl);
	const callId = `call_${workflowId}_${Math.random().toString(36).slice(2)}`;
	const run = await runWebhook(trigger, {
		parameters,
		credentials: creds(),
		staticData,
		workflowId,
		request: {
			method: 'POST',
			query: Object.fromEntries(url.searchParams),
			headers: { 'content-type': 'application/json' },
			rawBody:
				body ??
				JSON.stringify([{ callId, campaignId: 'cmp_sales', startedAt: '2025-06-01T10:00:00Z' }]),
		},
	});
	const items = run.result.workflowData?.[0] as INodeExecutionData[] | undefined;
	return {
		status: run.response.status,
		body: run.response.body as IDataObject,
		items: items?.map((i) => i.json),
		staticData: run.staticData,
	};
}

describe('Atlas Trigger: a copy of static data written back across an edit', () => {
	it('deliveries to the new subscriptions still run, and heal static data', async () => {
		const workflowId = `wf-edit-${++workflows}`;
		const before = await activate(params(['call_started']), {});
		// a slow delivery read static data now...
		const stale = structuredClone(before);
		// ...the user edits the events; n8n deactivates and activates again
		await deactivate(params(['call_started']), before);
		const after = await activate(params(['call_started', 'call_completed']), before);
		const newSubs = emu.subscriptions();
		assert.equal(newSubs.length, 2);
		// ...and the slow delivery ends: n8n writes its copy back over the new one
		const written = stale;
		const first = await deliver(
			newSubs[0].hookUrl,
			params(['call_started', 'call_completed']),
			written,
			workflowId,
		);
		assert.equal(first.status, 200, JSON.stringify(first.body));
		assert.equal(first.body.accepted, 1);
		assert.equal(first.items?.length, 1, 'the event runs');
		assert.equal(written.nonce, after.nonce, 'static data names the new activation again');
		assert.equal(written.tokenHash, after.tokenHash);
		// the next delivery takes the fast path again
		const second = await deliver(
			newSubs[1].hookUrl,
			params(['call_started', 'call_completed']),
			written,
			workflowId,
		);
		assert.equal(second.body.accepted, 1);
		forgetScope(`${workflowId}|Atlas Trigger|webhook`);
	});

	it('deactivation still removes the new subscriptions when the written-back copy names the old ones', async () => {
		const before = await activate(params(['call_started']), {});
		const stale = structuredClone(before);
		await deactivate(params(['call_started']), before);
		await activate(params(['call_started', 'call_completed']), before);
		assert.equal(emu.subscriptions().length, 2);
		const run = await deactivate(params(['call_started', 'call_completed']), stale);
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0, 'nothing left at Atlas');
	});

	it("an older activation's subscription is still refused (401), and so is a token of another key", async () => {
		const workflowId = `wf-old-${++workflows}`;
		const first = await activate(params(['call_started']), {});
		const oldUrl = emu.subscriptions()[0].hookUrl;
		const state = structuredClone(first);
		await activate(params(['call_started']), state);
		const old = await deliver(oldUrl, params(['call_started']), state, workflowId);
		assert.equal(old.status, 401);
		const forged = new URL(emu.subscriptions()[0].hookUrl);
		forged.searchParams.set('token', 'x'.repeat(32));
		const wrong = await deliver(forged.toString(), params(['call_started']), state, workflowId);
		assert.equal(wrong.status, 401);
		assert.equal(wrong.items, undefined);
	});
});

describe('Atlas Trigger: a delivery while activation is still subscribing', () => {
	it('is accepted when it carries a token this activation issued', async () => {
		const workflowId = `wf-during-${++workflows}`;
		emu.setLatency(150, '/events-gateway/trigger/subscribe');
		// 4 events x 3 campaigns, 8 at a time: the first are made while the rest wait
		const parameters = {
			events: ['call_started', 'call_completed', 'message_received', 'message_sent'],
			campaignScope: 'selected',
			campaignIds: ['cmp_sales', 'cmp_support', 'cmp_chat'],
		};
		const staticData: IDataObject = {};
		const activation = activate(parameters, staticData);
		let made = emu.subscriptions();
		for (let i = 0; made.length === 0 && i < 100; i++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			made = emu.subscriptions();
		}
		assert.ok(made.length > 0 && made.length < 12, `some made, not all (${made.length})`);
		// the delivery reads static data as it is before create() records anything
		const during = await deliver(
			made.find((s) => s.triggerName === 'call_started')?.hookUrl ?? made[0].hookUrl,
			parameters,
			{},
			workflowId,
		);
		assert.equal(during.status, 200, JSON.stringify(during.body));
		await activation;
		emu.setLatency(0, '/events-gateway/trigger/subscribe');
		assert.equal(emu.subscriptions().length, 12);
	});
});

describe('Atlas Trigger: a rotated api-key', () => {
	it('rotation, deactivation and re-activation leave exactly the new subscriptions', async () => {
		const state = await activate(params(['call_completed', 'call_started']), {});
		emu.setApiKeys([NEW_KEY]);
		const run = await deactivate(params(['call_completed', 'call_started']), state, NEW_KEY);
		assert.equal(run.result, true);
		assert.equal(emu.subscriptions().length, 0);
		await activate(params(['call_completed', 'call_started']), state, NEW_KEY);
		const held = emu.subscriptions();
		assert.equal(held.length, 2);
		assert.ok(held.every((s) => new URL(s.hookUrl).searchParams.get('n') === state.nonce));
	});
});

describe('Atlas Trigger: an event with a field nested too deep', () => {
	const nested = (levels: number) => '{"a":'.repeat(levels) + '"leaf"' + '}'.repeat(levels);

	it('is delivered once, the deep part kept as JSON text with a note', async () => {
		const workflowId = `wf-deep-${++workflows}`;
		const state = await activate(params(['call_completed']), {});
		const url = emu.subscriptions()[0].hookUrl;
		const body = `[{"callId":"call_deep_1","campaignId":"cmp_sales","summary":"ok","analysis":${nested(200)}}]`;
		// Simplify off: the event as Atlas sent it, with the note on what was kept as text
		const asSent = { ...params(['call_completed']), simplify: false };
		const first = await deliver(url, asSent, state, workflowId, body);
		assert.equal(first.status, 200, JSON.stringify(first.body));
		assert.deepEqual([first.body.accepted, first.items?.length], [1, 1]);
		const item = first.items![0];
		assert.equal(item.callId, 'call_deep_1');
		assert.equal(item.summary, 'ok');
		assert.match(String(item.depthNote), /analysis/);
		// the part that was kept as text still holds the leaf
		let v: unknown = item.analysis;
		while (v && typeof v === 'object') v = (v as IDataObject).a;
		assert.equal(typeof v, 'string');
		assert.match(String(v), /"leaf"/);
		const again = await deliver(url, params(['call_completed']), state, workflowId, body);
		assert.equal(again.body.duplicates, 1, 'a second delivery of it is a duplicate');
		// Simplify (default): our fields only, the deep part is not among them
		const other = body.replace('call_deep_1', 'call_deep_2');
		const simplified = await deliver(url, params(['call_completed']), state, workflowId, other);
		assert.equal(simplified.items![0].summary, 'ok');
		assert.equal(simplified.items![0].analysis, undefined);
		forgetScope(`${workflowId}|Atlas Trigger|webhook`);
	});

	it('a body nested too deep outside any event is still refused (400)', async () => {
		const state = await activate(params(['call_completed']), {});
		const url = emu.subscriptions()[0].hookUrl;
		const res = await deliver(
			url,
			params(['call_completed']),
			state,
			`wf-deep-${++workflows}`,
			'['.repeat(100) + ']'.repeat(100),
		);
		assert.equal(res.status, 400);
		assert.match(String(res.body.message), /nested more than 64 levels deep/);
	});
});
