// The Atlas action node, run through n8n's real engine (n8n-core) against the Atlas emulator.
// The harness must be imported before anything that loads n8n-core.
import {
	registerCredentialTypes,
	runExecute,
	runListSearch,
	testCredential,
} from '../helpers/engine';

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'atlas-secret-KEY-7f3e9a1c';
const WRONG_KEY = 'wrong-secret-KEY-0000';
let emu: Emulator;

const node = () => new Atlas();
const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const credentials = (apiKey = API_KEY, baseUrl?: string) => ({
	atlasApi: { apiKey, baseUrl: baseUrl ?? emu.baseUrl },
});

async function run(
	parameters: INodeParameters,
	options: {
		items?: INodeExecutionData[];
		continueOnFail?: boolean;
		apiKey?: string;
		baseUrl?: string;
		typeVersion?: number;
	} = {},
): Promise<INodeExecutionData[]> {
	const out = await runExecute(node(), {
		parameters,
		credentials: credentials(options.apiKey, options.baseUrl),
		items: options.items,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
	});
	assert.equal(out.length, 1, 'the node has one output');
	return out[0];
}

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

/**
 * The same run in the two other views: Simplify off (Atlas's records as they came) and
 * typeVersion 1 (ours, then Atlas's own fields, as before Simplify existed).
 */
async function otherViews(parameters: INodeParameters) {
	return {
		raw: json(await run({ ...parameters, simplify: false })),
		v1: json(await run(parameters, { typeVersion: 1 })),
	};
}

/** Keys of a record: Simplify shows ours only, so no Atlas casing of them may appear. */
function assertOnlyKeys(record: IDataObject, keys: string[]) {
	assert.deepEqual(Object.keys(record).sort(), [...keys].sort());
}

/** Runs and expects a failure; returns the error for further checks. */
async function runFails(parameters: INodeParameters, options: Parameters<typeof run>[1] = {}) {
	let caught: unknown;
	await assert.rejects(
		run(parameters, options).catch((error: unknown) => {
			caught = error;
			throw error;
		}),
	);
	return caught as NodeApiError | NodeOperationError;
}

/** Every text a user could see of an error. */
function visibleText(error: unknown): string {
	const e = error as NodeApiError;
	return [e.message, e.description ?? '', JSON.stringify(e), String(e.stack ?? '')].join('\n');
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

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

describe('node description', () => {
	it('is an n8n action node usable as a tool, with the atlasApi credential', () => {
		const { description } = node();
		assert.equal(description.name, 'atlas');
		assert.equal(description.usableAsTool, true);
		// Agent > Answer the Agent talks to n8n only, not to Atlas: no credential there
		assert.deepEqual(description.credentials, [
			{ name: 'atlasApi', required: true, displayOptions: { hide: { resource: ['action'] } } },
		]);
		assert.deepEqual(description.icon, { light: 'file:atlas.svg', dark: 'file:atlas.dark.svg' });
		assert.deepEqual(description.inputs, ['main']);
		assert.deepEqual(description.outputs, ['main']);
		for (const property of description.properties) {
			assert.ok(
				property.description || property.name === 'operation' || property.name === 'resource',
				`${property.name} has a description`,
			);
		}
	});
});

describe('credential test', () => {
	it('is OK with the right key', async () => {
		const result = await testCredential(new AtlasApi(), { apiKey: API_KEY, baseUrl: emu.baseUrl });
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
		const [request] = emu.requests({ path: '/v1/api/campaign' });
		assert.equal(request.apiKeyValid, true);
	});

	it('fails with a wrong key, saying so, without showing the key', async () => {
		const result = await testCredential(new AtlasApi(), {
			apiKey: WRONG_KEY,
			baseUrl: `${emu.baseUrl}/`,
		});
		assert.equal(result.status, 'Error');
		assert.ok(!result.message.includes(WRONG_KEY));
		// the test request reads HTTP errors as answers, so even n8n 1.x (which loses the status
		// of a thrown error) applies the credential's rule
		assert.match(result.message, /^The API key was rejected by Atlas\./);
		const [request] = emu.requests({ path: '/v1/api/campaign' });
		assert.equal(request.status, 401);
	});

	it('names a wrong base URL (404) and an Atlas outage (500)', async () => {
		const notFound = await testCredential(new AtlasApi(), {
			apiKey: API_KEY,
			baseUrl: `${emu.origin}/v2/nope`,
		});
		assert.equal(notFound.status, 'Error');
		assert.match(notFound.message, /Check the Base URL/);
		emu.setFault({ path: '/campaign', method: 'GET', type: '500' });
		const outage = await testCredential(new AtlasApi(), { apiKey: API_KEY, baseUrl: emu.baseUrl });
		emu.clearFaults();
		assert.equal(outage.status, 'Error');
		assert.match(outage.message, /Atlas had an internal error \(HTTP 500\)/);
	});
});

describe('campaign list search', () => {
	for (const casing of ['pascal', 'camel'] as const) {
		it(`lists every campaign sorted by name (${casing})`, async () => {
			emu.configure({ casing, listShape: casing === 'pascal' ? 'value' : 'bare' });
			const result = await runListSearch(node(), 'searchCampaigns', { credentials: credentials() });
			assert.deepEqual(result, {
				results: [
					{ name: 'Brightside Dental - Front Desk', value: 'cmp_support' },
					{ name: 'Harbor Realty - SMS Concierge', value: 'cmp_chat' },
					{ name: 'Sunbeam Solar - Outbound Sales', value: 'cmp_sales' },
				],
			});
		});
	}

	it('filters on the name or the ID, ignoring case', async () => {
		const byName = await runListSearch(node(), 'searchCampaigns', {
			credentials: credentials(),
			filter: 'DENTAL',
		});
		assert.deepEqual(byName.results, [
			{ name: 'Brightside Dental - Front Desk', value: 'cmp_support' },
		]);
		const byId = await runListSearch(node(), 'searchCampaigns', {
			credentials: credentials(),
			filter: 'cmp_ch',
		});
		assert.deepEqual(byId.results, [{ name: 'Harbor Realty - SMS Concierge', value: 'cmp_chat' }]);
		const none = await runListSearch(node(), 'searchCampaigns', {
			credentials: credentials(),
			filter: 'zzz',
		});
		assert.deepEqual(none.results, []);
	});

	it('offers "All Campaigns" (*) first for webhook operations', async () => {
		const all = await runListSearch(node(), 'searchCampaignsOrAll', { credentials: credentials() });
		assert.equal(all.results.length, 4);
		assert.deepEqual(all.results[0], { name: 'All Campaigns', value: '*' });
		const filtered = await runListSearch(node(), 'searchCampaignsOrAll', {
			credentials: credentials(),
			filter: 'solar',
		});
		assert.deepEqual(filtered.results, [
			{ name: 'Sunbeam Solar - Outbound Sales', value: 'cmp_sales' },
		]);
		const allOnly = await runListSearch(node(), 'searchCampaignsOrAll', {
			credentials: credentials(),
			filter: 'all',
		});
		assert.deepEqual(allOnly.results[0], { name: 'All Campaigns', value: '*' });
	});

	it('pages long lists with a string paginationToken', async () => {
		const template = emu.campaigns[0];
		for (let n = 0; n < 150; n++) {
			emu.campaigns.push({
				...template,
				id: `cmp_extra_${String(n).padStart(3, '0')}`,
				name: `Extra ${String(n).padStart(3, '0')}`,
			});
		}
		const first = await runListSearch(node(), 'searchCampaigns', { credentials: credentials() });
		assert.equal(first.results.length, 100);
		assert.equal(first.paginationToken, '100');
		assert.equal(first.results[0].value, 'cmp_support');
		const second = await runListSearch(node(), 'searchCampaigns', {
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		assert.equal(second.results.length, 53);
		assert.equal(second.paginationToken, undefined);
		assert.equal(second.results.at(-1)!.value, 'cmp_sales');
	});

	it('maps a wrong key to the rejected-key error', async () => {
		await assert.rejects(
			runListSearch(node(), 'searchCampaigns', { credentials: credentials(WRONG_KEY) }),
			(error: unknown) =>
				error instanceof NodeApiError && error.message === 'The Atlas API key was rejected',
		);
	});
});

const CAMPAIGN_KEYS = ['campaignId', 'name'];

describe('Campaign', () => {
	for (const listShape of ['bare', 'value', 'data', 'items'] as const) {
		for (const casing of ['pascal', 'camel'] as const) {
			it(`Get Many reads a ${listShape} list in ${casing} case`, async () => {
				emu.configure({ listShape, casing });
				const items = await run({ resource: 'campaign', operation: 'getAll', returnAll: true });
				assert.deepEqual(
					json(items).map(({ campaignId, name }) => ({ campaignId, name })),
					[
						{ campaignId: 'cmp_sales', name: 'Sunbeam Solar - Outbound Sales' },
						{ campaignId: 'cmp_support', name: 'Brightside Dental - Front Desk' },
						{ campaignId: 'cmp_chat', name: 'Harbor Realty - SMS Concierge' },
					],
				);
				// Simplify (default): our fields only
				for (const item of json(items)) assertOnlyKeys(item, CAMPAIGN_KEYS);
				// Simplify off: Atlas's records as they came; typeVersion 1: ours, then Atlas's
				const { raw, v1 } = await otherViews({
					resource: 'campaign',
					operation: 'getAll',
					returnAll: true,
				});
				if (casing === 'pascal') {
					assert.equal(raw[0].RowKey, 'cmp_sales');
					assert.equal(raw[0].BusinessName, 'Sunbeam Solar - Outbound Sales');
					assert.equal(raw[0].AssistantId, 'asst_sunbeam_sales');
					assert.equal(raw[0].campaignId, undefined);
					assert.equal(v1[0].RowKey, 'cmp_sales');
					assert.equal(v1[0].AssistantId, 'asst_sunbeam_sales');
				} else {
					assert.equal(raw[0].assistantId, 'asst_sunbeam_sales');
					assert.equal(raw[0].timezone, 'America/Los_Angeles');
					assert.equal(v1[0].timezone, 'America/Los_Angeles');
				}
				assert.deepEqual(Object.keys(v1[0]).slice(0, CAMPAIGN_KEYS.length), CAMPAIGN_KEYS);
				assert.deepEqual(
					items.map((i) => i.pairedItem),
					[{ item: 0 }, { item: 0 }, { item: 0 }],
				);
			});
		}
	}

	it('Get Many stops at Limit (default 50) unless Return All', async () => {
		const two = await run({ resource: 'campaign', operation: 'getAll', limit: 2 });
		assert.deepEqual(
			json(two).map((c) => c.campaignId),
			['cmp_sales', 'cmp_support'],
		);
		const byDefault = await run({ resource: 'campaign', operation: 'getAll' });
		assert.equal(byDefault.length, 3);
	});

	for (const casing of ['pascal', 'camel'] as const) {
		it(`Get returns one campaign (${casing})`, async () => {
			emu.configure({ casing });
			const items = await run({
				resource: 'campaign',
				operation: 'get',
				campaign: rl('cmp_chat', 'id'),
			});
			assert.equal(items.length, 1);
			assert.equal(items[0].json.campaignId, 'cmp_chat');
			assert.equal(items[0].json.name, 'Harbor Realty - SMS Concierge');
			assertOnlyKeys(items[0].json, CAMPAIGN_KEYS);
			const { raw, v1 } = await otherViews({
				resource: 'campaign',
				operation: 'get',
				campaign: rl('cmp_chat', 'id'),
			});
			assert.equal(raw[0][casing === 'pascal' ? 'Type' : 'type'], 'chat');
			assert.equal(v1[0][casing === 'pascal' ? 'Type' : 'type'], 'chat');
			assert.equal(v1[0].campaignId, 'cmp_chat');
			assert.equal(emu.requests({ route: 'GET /campaign/:id' }).length, 3);
		});
	}

	it('Get names the campaign that was not found (404)', async () => {
		const error = await runFails({
			resource: 'campaign',
			operation: 'get',
			campaign: rl('cmp_gone', 'id'),
		});
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Campaign "cmp_gone" was not found in Atlas');
		assert.equal(error.httpCode, '404');
	});

	it('Get refuses an empty campaign and "All Campaigns" before calling Atlas', async () => {
		const empty = await runFails({
			resource: 'campaign',
			operation: 'get',
			campaign: rl('  ', 'id'),
		});
		assert.ok(empty instanceof NodeOperationError);
		assert.equal(empty.message, 'No campaign selected');
		assert.match(empty.description ?? '', /Pick a campaign from the list/);
		const all = await runFails({ resource: 'campaign', operation: 'get', campaign: rl('*') });
		assert.ok(all instanceof NodeOperationError);
		assert.match(all.message, /All Campaigns/);
		assert.equal(emu.requests({ route: 'GET /campaign/:id' }).length, 0);
	});
});

describe('Call', () => {
	for (const casing of ['pascal', 'camel'] as const) {
		it(`Get returns summary, transcript, messages, recording URL and status (${casing})`, async () => {
			emu.configure({ casing });
			const record = emu.calls.find((c) => c.recordingUrl && c.messages.length > 0)!;
			const [item, ...rest] = await run({
				resource: 'call',
				operation: 'get',
				callId: ` ${record.id} `,
			});
			assert.equal(rest.length, 0);
			const call = item.json;
			assert.equal(call.callId, record.id);
			assert.equal(call.campaignId, record.campaignId);
			assert.equal(call.summary, record.summary);
			assert.equal(call.transcript, record.transcript);
			assert.equal(call.recordingUrl, record.recordingUrl);
			assert.equal(call.status, record.status);
			assert.equal(call.endedReason, record.endedReason);
			assert.equal(call.durationSeconds, record.durationSeconds);
			assert.equal(call.startedAt, record.startedAt);
			assert.equal(call.endedAt, record.endedAt);
			assert.equal(call.customerPhoneNumber, record.customerPhoneNumber);
			assert.equal(call.customerName, record.customerName);
			const messages = call.messages as IDataObject[];
			assert.equal(messages.length, record.messages.length);
			assert.equal(messages[0].role, record.messages[0].role);
			assert.equal(messages[0].message, record.messages[0].message);
			assert.equal(messages[0].time, record.messages[0].time);
			// Simplify (default): no Atlas casing beside ours, in the call and in its messages
			assert.equal(call.RowKey ?? call.rowKey ?? call.EndedReason, undefined);
			assert.deepEqual(Object.keys(messages[0]).sort(), ['message', 'role', 'time']);
			const { raw, v1 } = await otherViews({
				resource: 'call',
				operation: 'get',
				callId: record.id,
			});
			if (casing === 'pascal') {
				assert.equal(raw[0].RowKey, record.id);
				assert.equal(raw[0].EndedReason, record.endedReason);
				assert.equal(raw[0].callId, undefined);
				assert.equal(v1[0].RowKey, record.id);
				assert.equal(v1[0].EndedReason, record.endedReason);
			} else {
				assert.equal(raw[0].endedReason, record.endedReason);
			}
			assert.equal(v1[0].callId, record.id);
			assert.deepEqual(item.pairedItem, { item: 0 });
		});
	}

	it('Get writes the transcript from the messages when Atlas sends none', async () => {
		const record = emu.calls.find((c) => c.messages.length > 0)!;
		record.transcript = '';
		const [item] = await run({ resource: 'call', operation: 'get', callId: record.id });
		const expected = record.messages.map((m) => `${m.role}: ${m.message}`).join('\n');
		assert.equal(item.json.transcript, expected);
	});

	it('Get names the call that was not found (404)', async () => {
		const error = await runFails({ resource: 'call', operation: 'get', callId: 'call_missing' });
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Call "call_missing" was not found in Atlas');
	});

	it('Get refuses an empty call ID', async () => {
		const error = await runFails({ resource: 'call', operation: 'get', callId: '' });
		assert.ok(error instanceof NodeOperationError);
		assert.equal(error.message, 'Call ID is empty');
		assert.equal(emu.requests().length, 0);
	});

	for (const listShape of ['bare', 'value', 'data', 'items'] as const) {
		it(`Get Many returns every call, newest first (${listShape}, pascal)`, async () => {
			emu.configure({ listShape, casing: 'pascal' });
			const items = await run({ resource: 'call', operation: 'getAll', returnAll: true });
			const expected = [...emu.calls]
				.sort((a, b) => b.startedAt.localeCompare(a.startedAt))
				.map((c) => c.id);
			assert.deepEqual(
				json(items).map((c) => c.callId),
				expected,
			);
			assert.ok(json(items).every((c) => typeof c.summary === 'string' && c.status));
		});
	}

	it('Get Many sends the campaign, date range and phone filters', async () => {
		const sales = emu.calls.filter((c) => c.campaignId === 'cmp_sales');
		assert.ok(sales.length >= 2);
		const target = sales[0];
		const items = await run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
			filters: {
				campaign: rl('cmp_sales'),
				startDate: '2025-01-01T00:00:00.000Z',
				endDate: '2030-01-01T00:00:00Z',
				customerPhoneNumber: target.customerPhoneNumber,
			},
		});
		const [request] = emu.requests({ route: 'GET /call' });
		assert.deepEqual(request.query, {
			campaignId: 'cmp_sales',
			startDate: '2025-01-01T00:00:00.000Z',
			endDate: '2030-01-01T00:00:00.000Z',
			customerPhoneNumber: target.customerPhoneNumber,
		});
		const expected = sales
			.filter((c) => c.customerPhoneNumber === target.customerPhoneNumber)
			.map((c) => c.id)
			.sort();
		assert.deepEqual(
			json(items)
				.map((c) => c.callId)
				.sort(),
			expected,
		);

		const campaignOnly = await run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
			filters: { campaign: rl('cmp_sales', 'id') },
		});
		assert.equal(campaignOnly.length, sales.length);
		assert.ok(json(campaignOnly).every((c) => c.campaignId === 'cmp_sales'));

		// a date range that holds no call
		const none = await run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
			filters: { startDate: '2020-01-01T00:00:00Z', endDate: '2020-01-02T00:00:00Z' },
		});
		assert.equal(none.length, 0);
	});

	it('Get Many stops at Limit', async () => {
		const items = await run({ resource: 'call', operation: 'getAll', returnAll: false, limit: 3 });
		assert.equal(items.length, 3);
	});

	it('Get Many refuses a start date after the end date, and a non-date', async () => {
		const swapped = await runFails({
			resource: 'call',
			operation: 'getAll',
			filters: { startDate: '2025-06-05T00:00:00Z', endDate: '2025-06-01T00:00:00Z' },
		});
		assert.ok(swapped instanceof NodeOperationError);
		assert.equal(swapped.message, 'Start Date is after End Date');
		const bad = await runFails({
			resource: 'call',
			operation: 'getAll',
			filters: { endDate: 'next tuesday' },
		});
		assert.ok(bad instanceof NodeOperationError);
		assert.equal(bad.message, 'End Date "next tuesday" is not a date');
		assert.equal(emu.requests({ route: 'GET /call' }).length, 0);
	});
});

describe('Chat', () => {
	for (const casing of ['pascal', 'camel'] as const) {
		it(`Get Sessions returns the sessions of a campaign (${casing})`, async () => {
			emu.configure({ casing, listShape: 'value' });
			const expected = emu.chatSessions.filter((s) => s.campaignId === 'cmp_chat');
			assert.ok(expected.length >= 2);
			const items = await run({
				resource: 'chat',
				operation: 'getSessions',
				campaign: rl('cmp_chat'),
				returnAll: true,
			});
			assert.deepEqual(
				json(items).map((s) => s.sessionId),
				expected.map((s) => s.id),
			);
			const first = items[0].json;
			assert.equal(first.campaignId, 'cmp_chat');
			assert.equal(first.contact, expected[0].contactIdentification);
			assert.equal(first.customerName, expected[0].contactName);
			assert.equal(first.status, expected[0].status);
			assert.equal(first.channel, expected[0].channel);
			assert.equal(first.time, expected[0].timestamp);
			assert.equal(first.ContactIdentification ?? first.contactIdentification, undefined);
			const { raw, v1 } = await otherViews({
				resource: 'chat',
				operation: 'getSessions',
				campaign: rl('cmp_chat'),
				returnAll: true,
			});
			const original = casing === 'pascal' ? 'ContactIdentification' : 'contactIdentification';
			assert.equal(raw[0][original], expected[0].contactIdentification);
			if (casing === 'pascal') assert.equal(raw[0].sessionId, undefined);
			assert.equal(v1[0][original], expected[0].contactIdentification);
			assert.equal(v1[0].sessionId, expected[0].id);
		});
	}

	it('Get Sessions keeps only one contact, whatever the phone formatting', async () => {
		const phoneSession = emu.chatSessions.find(
			(s) => s.campaignId === 'cmp_chat' && /^\+\d+$/.test(s.contactIdentification),
		)!;
		const digits = phoneSession.contactIdentification.slice(1);
		const formatted = `+${digits.slice(0, 1)} (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7)}`;
		const items = await run({
			resource: 'chat',
			operation: 'getSessions',
			campaign: rl('cmp_chat'),
			contact: formatted,
			returnAll: true,
		});
		const expected = emu.chatSessions
			.filter(
				(s) =>
					s.campaignId === 'cmp_chat' &&
					s.contactIdentification === phoneSession.contactIdentification,
			)
			.map((s) => s.id);
		assert.deepEqual(
			json(items).map((s) => s.sessionId),
			expected,
		);
		const nobody = await run({
			resource: 'chat',
			operation: 'getSessions',
			campaign: rl('cmp_chat'),
			contact: '+10000000000',
		});
		assert.equal(nobody.length, 0);
	});

	it('Get Sessions names the campaign that was not found (404)', async () => {
		const error = await runFails({
			resource: 'chat',
			operation: 'getSessions',
			campaign: rl('cmp_nope', 'id'),
		});
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Campaign "cmp_nope" was not found in Atlas');
	});

	for (const casing of ['pascal', 'camel'] as const) {
		it(`Get Messages returns the messages of a session in order (${casing})`, async () => {
			emu.configure({ casing, listShape: 'items' });
			const session = emu.chatSessions[0];
			const expected = emu.chatMessages.filter((m) => m.sessionId === session.id);
			assert.ok(expected.length >= 2);
			const items = await run({
				resource: 'chat',
				operation: 'getMessages',
				sessionId: session.id,
			});
			assert.deepEqual(
				json(items).map(({ messageId, sessionId, role, message, channel, time }) => ({
					messageId,
					sessionId,
					role,
					message,
					channel,
					time,
				})),
				expected.map((m) => ({
					messageId: m.id,
					sessionId: session.id,
					role: m.role,
					message: m.content,
					channel: m.channel,
					time: m.createdAt,
				})),
			);
			const original = casing === 'pascal' ? 'Content' : 'content';
			assert.equal(items[0].json[original], undefined);
			const { raw, v1 } = await otherViews({
				resource: 'chat',
				operation: 'getMessages',
				sessionId: session.id,
			});
			assert.equal(raw[0][original], expected[0].content);
			assert.equal(raw[0].message, undefined);
			assert.equal(v1[0][original], expected[0].content);
			assert.equal(v1[0].message, expected[0].content);
		});
	}

	it('Get Messages names the session that was not found (404), and refuses an empty ID', async () => {
		const missing = await runFails({
			resource: 'chat',
			operation: 'getMessages',
			sessionId: 'sess_gone',
		});
		assert.ok(missing instanceof NodeApiError);
		assert.equal(missing.message, 'Chat session "sess_gone" was not found in Atlas');
		const empty = await runFails({ resource: 'chat', operation: 'getMessages', sessionId: ' ' });
		assert.ok(empty instanceof NodeOperationError);
		assert.equal(empty.message, 'Session ID is empty');
	});
});

describe('Webhook', () => {
	const HOOK = 'https://example.com/webhook/atlas?token=abc123';
	const subscribeParams = (
		campaign: ReturnType<typeof rl>,
		event = 'call_completed',
		hookUrl = HOOK,
	): INodeParameters => ({
		resource: 'webhook',
		operation: 'subscribe',
		hookUrl,
		campaign,
		event,
	});

	for (const casing of ['pascal', 'camel'] as const) {
		it(`Subscribe registers the four values with Atlas (${casing} answer)`, async () => {
			emu.configure({ subscriptionCasing: casing });
			const [item] = await run(subscribeParams(rl('cmp_sales')));
			const subscriptions = emu.subscriptions();
			assert.equal(subscriptions.length, 1);
			assert.deepEqual(
				{ ...subscriptions[0], id: undefined, createdAt: undefined },
				{
					id: undefined,
					createdAt: undefined,
					hookUrl: HOOK,
					campaignId: 'cmp_sales',
					triggerName: 'call_completed',
					provider: 'custom',
				},
			);
			assert.equal(item.json.subscribed, true);
			assert.equal(item.json.subscriptionId, subscriptions[0].id);
			assert.equal(item.json.hookUrl, HOOK);
			assert.equal(item.json.campaignId, 'cmp_sales');
			assert.equal(item.json.triggerName, 'call_completed');
			assert.equal(item.json.provider, 'custom');
			assert.deepEqual(item.pairedItem, { item: 0 });
		});
	}

	it('Subscribe accepts "All Campaigns" from the list and a custom provider', async () => {
		await run({ ...subscribeParams(rl('*'), 'message_received'), provider: 'zapier' });
		assert.deepEqual(
			emu
				.subscriptions()
				.map(({ campaignId, triggerName, provider }) => ({ campaignId, triggerName, provider })),
			[{ campaignId: '*', triggerName: 'message_received', provider: 'zapier' }],
		);
	});

	it('Subscribe refuses a URL that is not a web address, before calling Atlas', async () => {
		const error = await runFails(
			subscribeParams(rl('cmp_sales'), 'call_started', 'example.com/hook'),
		);
		assert.ok(error instanceof NodeOperationError);
		assert.equal(error.message, '"example.com/hook" is not a web address');
		assert.equal(emu.requests().length, 0);
	});

	it('Subscribe to an unknown campaign names it (404)', async () => {
		const error = await runFails(subscribeParams(rl('cmp_nope', 'id')));
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Campaign "cmp_nope" was not found in Atlas');
	});

	for (const listShape of ['bare', 'value'] as const) {
		for (const casing of ['pascal', 'camel'] as const) {
			it(`List shows the subscriptions of one campaign or all (${listShape}, ${casing})`, async () => {
				await run(subscribeParams(rl('cmp_sales'), 'call_started'));
				await run(subscribeParams(rl('cmp_support'), 'call_completed'));
				emu.configure({ listShape, subscriptionCasing: casing });
				const one = await run({
					resource: 'webhook',
					operation: 'list',
					campaign: rl('cmp_sales'),
				});
				assert.deepEqual(
					json(one).map(({ hookUrl, campaignId, triggerName, provider }) => ({
						hookUrl,
						campaignId,
						triggerName,
						provider,
					})),
					[
						{
							hookUrl: HOOK,
							campaignId: 'cmp_sales',
							triggerName: 'call_started',
							provider: 'custom',
						},
					],
				);
				assert.equal(one[0].json.subscriptionId, emu.subscriptions('cmp_sales')[0].id);
				const all = await run({ resource: 'webhook', operation: 'list', campaign: rl('*') });
				assert.deepEqual(
					json(all)
						.map((s) => s.campaignId)
						.sort(),
					['cmp_sales', 'cmp_support'],
				);
				// "for all campaigns" asks for campaign "*", as subscribing does
				const [request] = emu.requests({ route: 'GET /events-gateway/trigger/list' }).slice(-1);
				assert.deepEqual(request.query, { campaignId: '*' });
			});
		}
	}

	it('Unsubscribe removes exactly the subscription with the four values; again is harmless', async () => {
		await run(subscribeParams(rl('cmp_sales'), 'call_started'));
		await run(subscribeParams(rl('cmp_sales'), 'call_completed'));
		const params = {
			...subscribeParams(rl('cmp_sales'), 'call_started'),
			operation: 'unsubscribe',
		};
		const [gone] = await run(params);
		assert.deepEqual(gone.json, {
			unsubscribed: true,
			existed: true,
			hookUrl: HOOK,
			campaignId: 'cmp_sales',
			triggerName: 'call_started',
			provider: 'custom',
		});
		assert.deepEqual(
			emu.subscriptions().map((s) => s.triggerName),
			['call_completed'],
		);
		const [again] = await run(params);
		assert.equal(again.json.unsubscribed, true);
		assert.equal(again.json.existed, false);
		const [request] = emu.requests({ route: 'DELETE /events-gateway/trigger/unsubscribe' });
		assert.deepEqual(request.body, {
			hookUrl: HOOK,
			campaignId: 'cmp_sales',
			triggerName: 'call_started',
			provider: 'custom',
		});
	});

	for (const sampleShape of ['object', 'array'] as const) {
		it(`Get Sample Payload returns the event as the trigger outputs it (${sampleShape})`, async () => {
			emu.configure({ sampleShape, eventCasing: 'pascal' });
			const items = await run({
				resource: 'webhook',
				operation: 'getSamplePayload',
				campaign: rl('cmp_sales'),
				event: 'call_completed',
			});
			assert.equal(items.length, 1);
			const sample = items[0].json;
			assert.equal(sample.event, 'call_completed');
			assert.equal(sample.campaignId, 'cmp_sales');
			assert.equal(typeof sample.callId, 'string');
			assert.equal(typeof sample.summary, 'string');
			assert.ok((sample.summary as string).length > 0);
			assert.equal(typeof sample.transcript, 'string');
			const [request] = emu.requests({ route: 'GET /events-gateway/trigger/sample' });
			assert.deepEqual(request.query, { campaignId: 'cmp_sales', triggerName: 'call_completed' });
		});
	}

	it('Get Sample Payload for a chat event and "All Campaigns"', async () => {
		const items = await run({
			resource: 'webhook',
			operation: 'getSamplePayload',
			campaign: rl('*'),
			event: 'message_received',
		});
		assert.equal(items.length, 1);
		assert.equal(items[0].json.event, 'message_received');
		assert.equal(typeof items[0].json.contact, 'string');
		assert.equal(items[0].json.role, 'user');
		assert.equal(typeof items[0].json.message, 'string');
	});
});

describe('Atlas errors', () => {
	it('401: the key was rejected, and the key never shows', async () => {
		const error = await runFails(
			{ resource: 'campaign', operation: 'getAll' },
			{ apiKey: WRONG_KEY },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'The Atlas API key was rejected');
		assert.equal(error.httpCode, '401');
		assert.match(error.description ?? '', /Settings > API Keys/);
		assert.ok(!visibleText(error).includes(WRONG_KEY));
		assert.ok(!visibleText(error).includes(API_KEY));
	});

	it("400: Atlas's own message", async () => {
		emu.configure({ requireHttps: true, errorMessageShape: 'array' });
		const error = await runFails({
			resource: 'webhook',
			operation: 'subscribe',
			hookUrl: 'http://example.com/hook',
			campaign: rl('cmp_sales'),
			event: 'call_started',
		});
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Atlas rejected the request: "Webhook URL" must be an HTTPS URL');
		assert.equal(error.httpCode, '400');
		assert.ok(!visibleText(error).includes(API_KEY));
	});

	it('429: waits for Retry-After, then succeeds', async () => {
		emu.setFault({ path: '/campaign', method: 'GET', type: '429', count: 1, retryAfter: 1 });
		const started = Date.now();
		const items = await run({ resource: 'campaign', operation: 'getAll' });
		const elapsed = Date.now() - started;
		assert.equal(items.length, 3);
		const requests = emu.requests({ route: 'GET /campaign' });
		assert.deepEqual(
			requests.map((r) => r.status),
			[429, 200],
		);
		assert.ok(elapsed >= 950, `waited ${elapsed} ms for Retry-After: 1`);
	});

	it('429 that does not stop: a bounded number of retries, then a clear error', async () => {
		emu.setFault({ path: '/campaign', method: 'GET', type: '429', count: -1, retryAfter: 0 });
		const error = await runFails({ resource: 'campaign', operation: 'getAll' });
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Atlas is limiting requests (too many requests)');
		assert.equal(emu.requests({ route: 'GET /campaign' }).length, 4);
	});

	it('5xx: a read is retried and succeeds; a write is not retried and fails clearly', async () => {
		emu.setFault({ path: '/call/:id', type: '503', count: 1 });
		const record = emu.calls[0];
		const [item] = await run({ resource: 'call', operation: 'get', callId: record.id });
		assert.equal(item.json.callId, record.id);
		assert.deepEqual(
			emu.requests({ route: 'GET /call/:id' }).map((r) => r.status),
			[503, 200],
		);

		emu.setFault({ path: '/events-gateway/trigger/subscribe', type: '500', count: -1 });
		const error = await runFails({
			resource: 'webhook',
			operation: 'subscribe',
			hookUrl: 'https://example.com/hook',
			campaign: rl('cmp_sales'),
			event: 'call_started',
		});
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Atlas had an internal error (HTTP 500)');
		assert.equal(emu.requests({ route: 'POST /events-gateway/trigger/subscribe' }).length, 1);
		assert.equal(emu.subscriptions().length, 0);
	});

	it('network error: "Atlas is unreachable" (closed port)', async () => {
		const port = await closedPort();
		const error = await runFails(
			{
				resource: 'webhook',
				operation: 'unsubscribe',
				hookUrl: 'https://example.com/h',
				campaign: rl('*'),
				event: 'call_started',
			},
			{ baseUrl: `http://127.0.0.1:${port}/v1/api` },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Atlas is unreachable (connection refused)');
		assert.match(
			error.description ?? '',
			new RegExp(`^No answer from http://127\\.0\\.0\\.1:${port}/v1/api \\(ECONNREFUSED\\)\\.`),
		);
		assert.ok(!visibleText(error).includes(API_KEY));
	});

	it('network error on a read: retried a bounded number of times, then "Atlas is unreachable"', async () => {
		const port = await closedPort();
		const started = Date.now();
		const error = await runFails(
			{ resource: 'campaign', operation: 'getAll' },
			{ baseUrl: `http://127.0.0.1:${port}/v1/api` },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Atlas is unreachable (connection refused)');
		// three retries with backoff 0.5 s + 1 s + 2 s
		assert.ok(Date.now() - started >= 3400, 'retried with backoff');
	});

	it('network error on a read is retried (dropped connection, then success)', async () => {
		emu.setFault({ path: '/campaign', method: 'GET', type: 'drop', count: 1 });
		const items = await run({ resource: 'campaign', operation: 'getAll' });
		assert.equal(items.length, 3);
		assert.deepEqual(
			emu.requests({ route: 'GET /campaign' }).map((r) => r.status),
			[null, 200],
		);
	});
});

describe('items, Continue On Fail and pairedItem', () => {
	it('runs once per input item, each output paired to its input', async () => {
		const [a, b] = emu.calls;
		const items = await run(
			{ resource: 'call', operation: 'get', callId: '={{ $json.callId }}' },
			{ items: [{ json: { callId: a.id } }, { json: { callId: b.id } }] },
		);
		assert.deepEqual(
			items.map((i) => [i.json.callId, i.pairedItem]),
			[
				[a.id, { item: 0 }],
				[b.id, { item: 1 }],
			],
		);
		const lists = await run(
			{
				resource: 'chat',
				operation: 'getSessions',
				campaign: rl('={{ $json.campaign }}', 'id'),
				returnAll: true,
			},
			{
				items: [
					{ json: { campaign: 'cmp_chat' } },
					{ json: { campaign: 'cmp_sales' } },
					{ json: { campaign: 'cmp_chat' } },
				],
			},
		);
		const perCampaign = emu.chatSessions.filter((s) => s.campaignId === 'cmp_chat').length;
		assert.deepEqual(
			lists.map((i) => (i.pairedItem as { item: number }).item),
			[...Array(perCampaign).fill(0), ...Array(perCampaign).fill(2)],
		);
	});

	it('with Continue On Fail, a failing item becomes { error } paired to it and the rest go on', async () => {
		const good = emu.calls[0];
		const items = await run(
			{ resource: 'call', operation: 'get', callId: '={{ $json.callId }}' },
			{
				continueOnFail: true,
				items: [
					{ json: { callId: good.id } },
					{ json: { callId: 'call_missing' } },
					{ json: { callId: '' } },
				],
			},
		);
		assert.deepEqual(items, [
			{ json: items[0].json, pairedItem: { item: 0 } },
			{ json: { error: 'Call "call_missing" was not found in Atlas' }, pairedItem: { item: 1 } },
			{ json: { error: 'Call ID is empty' }, pairedItem: { item: 2 } },
		]);
		assert.equal(items[0].json.callId, good.id);
	});

	it('with Continue On Fail, a rejected key gives an error item without the key', async () => {
		const items = await run(
			{ resource: 'campaign', operation: 'getAll' },
			{ continueOnFail: true, apiKey: WRONG_KEY },
		);
		assert.deepEqual(items, [
			{ json: { error: 'The Atlas API key was rejected' }, pairedItem: { item: 0 } },
		]);
	});

	it('without Continue On Fail, the error says which item failed', async () => {
		const error = await runFails(
			{ resource: 'call', operation: 'get', callId: '={{ $json.callId }}' },
			{ items: [{ json: { callId: emu.calls[0].id } }, { json: { callId: 'call_missing' } }] },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.context.itemIndex, 1);
	});
});
