// Simplify, the one rule of every node (issue 21): on (default) our fields only; off, Atlas's
// records as they came; typeVersion 1, ours then Atlas's own fields. Acting operations answer a
// receipt (what was done, then Atlas's answer), the same in every view.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute, runHook, runWebhook } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve the codex files *.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { deriveToken } from '../../nodes/AtlasTrigger/activation/token';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'atlas-secret-KEY-views';
let emu: Emulator;
const credentials = () => ({ atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(parameters: INodeParameters, typeVersion?: number): Promise<IDataObject[]> {
	const out = await runExecute(new Atlas(), {
		parameters,
		credentials: credentials(),
		typeVersion,
	});
	return out[0].map((item: INodeExecutionData) => item.json);
}

/** The three views of one operation. */
async function views(parameters: INodeParameters) {
	return {
		simplified: await run(parameters),
		raw: await run({ ...parameters, simplify: false }),
		v1: await run(parameters, 1),
	};
}

const upperKeys = (record: IDataObject) => Object.keys(record).filter((k) => /^[A-Z]/.test(k));

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
});
after(async () => {
	await emu.close();
});
beforeEach(() => {
	emu.reset();
	emu.configure({ casing: 'pascal' });
});

describe('Simplify in the form', () => {
	const simplifyFor = (resource: string, operation: string) =>
		new Atlas().description.properties.find(
			(p) =>
				p.name === 'simplify' &&
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		);

	it('is offered on every operation that returns Atlas records, from typeVersion 2 on', () => {
		const records = [
			['campaign', 'get'],
			['campaign', 'getAll'],
			['call', 'get'],
			['call', 'getAll'],
			['call', 'getManySinceLastRun'],
			['call', 'getScheduled'],
			['chat', 'getSessions'],
			['chat', 'getMessages'],
			['webhook', 'list'],
			['webhook', 'getSamplePayload'],
		];
		for (const [resource, operation] of records) {
			const property = simplifyFor(resource, operation);
			assert.ok(property, `${resource} > ${operation} offers Simplify`);
			assert.equal(property.default, true);
			assert.deepEqual(property.displayOptions?.show?.['@version'], [{ _cnd: { gte: 2 } }]);
		}
		// acting operations answer a receipt: nothing to simplify
		for (const [resource, operation] of [
			['call', 'schedule'],
			['chat', 'startSms'],
			['chat', 'replyAsHuman'],
			['chat', 'setHumanHandoff'],
			['webhook', 'subscribe'],
			['webhook', 'unsubscribe'],
		])
			assert.equal(simplifyFor(resource, operation), undefined, `${resource} > ${operation}`);
	});

	it('the Atlas Trigger: Simplify from typeVersion 2, the Output option only at 1', () => {
		const { description } = new AtlasTrigger();
		assert.deepEqual(description.version, [1, 2]);
		assert.equal(description.defaultVersion, 2);
		const simplify = description.properties.find((p) => p.name === 'simplify');
		assert.deepEqual(simplify?.displayOptions?.show?.['@version'], [{ _cnd: { gte: 2 } }]);
		const collections = description.properties.filter((p) => p.name === 'options');
		const withOutput = collections.filter((c) =>
			(c.options as Array<{ name: string }>).some((o) => o.name === 'output'),
		);
		assert.equal(collections.length, 2);
		assert.deepEqual(
			withOutput.map((c) => c.displayOptions?.show?.['@version']),
			[[1]],
		);
	});
});

describe('Simplify on the Atlas node', () => {
	it('Get Scheduled, Webhook List and Since Last Run: ours / as Atlas sent it / both', async () => {
		// before anything is scheduled: a placed call would change the list between the views
		const since = await views({
			resource: 'call',
			operation: 'getManySinceLastRun',
			sinceLastRunOptions: { firstRunLookbackHours: 24 * 365 * 30 },
		});
		await run({
			resource: 'call',
			operation: 'schedule',
			campaign: rl('cmp_sales'),
			customerPhoneNumber: '+14155550123',
			customerName: 'Dana Whitfield',
		});
		const scheduled = await views({
			resource: 'call',
			operation: 'getScheduled',
			campaign: rl('cmp_sales'),
			returnAll: true,
		});
		await run({
			resource: 'webhook',
			operation: 'subscribe',
			hookUrl: 'https://example.com/hook?token=list',
			campaign: rl('cmp_sales'),
			event: 'call_completed',
		});
		const hooks = await views({
			resource: 'webhook',
			operation: 'list',
			campaign: rl('cmp_sales'),
		});
		for (const [what, got] of Object.entries({ scheduled, hooks, since })) {
			assert.ok(got.simplified.length > 0, `${what} has items`);
			for (const item of got.simplified) assert.deepEqual(upperKeys(item), [], what);
			for (const [i, item] of got.raw.entries()) {
				const ours = Object.keys(got.simplified[i]);
				assert.notDeepEqual(Object.keys(item).sort(), [...ours].sort(), `${what} raw`);
				// typeVersion 1: ours first, then every field of Atlas's record
				const v1 = got.v1[i];
				assert.deepEqual(Object.keys(v1).slice(0, ours.length), ours, `${what} v1: ours first`);
				for (const key of Object.keys(item)) assert.ok(key in v1, `${what} v1 keeps ${key}`);
			}
		}
		assert.equal(scheduled.simplified[0].customerName, 'Dana Whitfield');
	});

	it('a note added after reading (recordingError) shows in every view', async () => {
		const call = emu.calls.find((c) => !c.recordingUrl) ?? emu.calls[0];
		if (call.recordingUrl) call.recordingUrl = '';
		const get = {
			resource: 'call',
			operation: 'get',
			callId: call.id,
			getOptions: { downloadRecording: true },
		};
		const { simplified, raw, v1 } = await views(get);
		for (const item of [simplified[0], raw[0], v1[0]])
			assert.equal(item.recordingError, 'The call has no recording URL');
		assert.deepEqual(upperKeys(simplified[0]), []);
		assert.equal(raw[0].RowKey, call.id);
		assert.equal(raw[0].callId, undefined);
	});

	it('acting operations answer a receipt, whole, at every version', async () => {
		const schedule = {
			resource: 'call',
			operation: 'schedule',
			campaign: rl('cmp_sales'),
			customerPhoneNumber: '+14155550124',
			customerName: 'Ada Lovelace',
		};
		const [v2] = await run(schedule);
		assert.equal(typeof v2.sequenceNumber, 'number');
		assert.equal(v2.customerName, 'Ada Lovelace');
		assert.equal(v2.skipped, false);
		const [v1] = await run({ ...schedule, customerPhoneNumber: '+14155550125' }, 1);
		assert.deepEqual(Object.keys(v1), Object.keys(v2));
		const subscribe = {
			resource: 'webhook',
			operation: 'subscribe',
			hookUrl: 'https://example.com/hook?token=abc',
			campaign: rl('cmp_sales'),
			event: 'call_completed',
		};
		const [subscribed] = await run(subscribe);
		assert.equal(subscribed.subscribed, true);
		assert.equal(subscribed.campaignId, 'cmp_sales');
		// Atlas's answer comes with it, whatever its casing
		assert.ok(Object.keys(subscribed).length > 5, JSON.stringify(subscribed));
	});
});

describe('Simplify on the Atlas Trigger, with Fetch Full Call Record', () => {
	const trigger = new AtlasTrigger();
	let workflows = 0;

	async function deliver(parameters: INodeParameters, body: unknown, typeVersion?: number) {
		const all = { events: ['call_completed'], campaignScope: 'all', ...parameters };
		const made = await runHook(trigger, 'create', {
			parameters: all,
			credentials: credentials(),
			staticData: {},
			typeVersion,
		});
		const run = await runWebhook(trigger, {
			parameters: all,
			credentials: credentials(),
			staticData: made.staticData,
			workflowId: `wf-views-${++workflows}`,
			typeVersion,
			request: {
				method: 'POST',
				query: {
					event: 'call_completed',
					token: deriveToken(API_KEY, String(made.staticData.nonce)),
				},
				headers: { 'content-type': 'application/json' },
				body,
			},
		});
		const items = run.result.workflowData?.[0] as INodeExecutionData[];
		return items[0].json;
	}

	it('the event and its callRecord: ours / as Atlas sent them / both', async () => {
		const record = emu.calls.find((c) => c.messages.length > 1)!;
		const event = { CallId: record.id, CampaignId: record.campaignId, Summary: 'From the event' };
		const fetch = { options: { fetchCallRecord: true } };

		const simplified = await deliver(fetch, [event]);
		assert.equal(simplified.callId, record.id);
		assert.deepEqual(upperKeys(simplified), []);
		const callRecord = simplified.callRecord as IDataObject;
		assert.equal(callRecord.callId, record.id);
		assert.deepEqual(upperKeys(callRecord), []);
		for (const message of callRecord.messages as IDataObject[])
			assert.deepEqual(upperKeys(message), []);

		const raw = await deliver({ ...fetch, simplify: false }, [event]);
		assert.deepEqual({ ...raw, callRecord: undefined }, { ...event, callRecord: undefined });
		const rawRecord = raw.callRecord as IDataObject;
		assert.equal(rawRecord.RowKey, record.id);
		assert.equal(rawRecord.callId, undefined);

		const v1 = await deliver(fetch, [event], 1);
		assert.equal(v1.callId, record.id);
		assert.equal(v1.CallId, record.id);
		assert.equal((v1.callRecord as IDataObject).RowKey, record.id);
		assert.equal((v1.callRecord as IDataObject).callId, record.id);
	});
});
