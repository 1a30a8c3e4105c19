// The harness must be imported before anything that loads n8n-core.
import {
	activateWebhook,
	createExecuteContext,
	registerCredentialTypes,
	runExecute,
	runHook,
	runListSearch,
	runLoadOptions,
	runWebhook,
	testCredential,
} from '../helpers/engine';

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { FixtureApi } from '../fixtures/FixtureApi.credentials';
import { FixtureAction } from '../fixtures/FixtureAction.node';
import { FixtureTrigger } from '../fixtures/FixtureTrigger.node';

interface Seen {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

const GOOD_KEY = 'key-good-123';
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
const hooks = new Map<string, { id: string; url: string; event: string }>();
let nextHookId = 1;

function send(res: import('node:http').ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

before(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
			const url = new URL(req.url!, 'http://x');
			const key = req.headers['api-key'];
			if (key === 'key-forbidden') return send(res, 403, { message: 'forbidden' });
			if (key === 'key-disabled') return send(res, 200, { status: 'disabled' });
			if (key !== GOOD_KEY) return send(res, 401, { message: 'invalid api key' });
			if (url.pathname === '/ping') return send(res, 200, { pong: true });
			if (url.pathname === '/things') {
				return send(res, 200, [
					{
						id: 't1',
						name: `Thing one${url.searchParams.get('filter') ? ` (${url.searchParams.get('filter')})` : ''}`,
					},
					{ id: 't2', name: 'Thing two' },
				]);
			}
			if (url.pathname === '/hooks' && req.method === 'GET')
				return send(res, 200, [...hooks.values()]);
			if (url.pathname === '/hooks' && req.method === 'POST') {
				const parsed = JSON.parse(body) as { url: string; event: string };
				const id = `h${nextHookId++}`;
				hooks.set(id, { id, ...parsed });
				return send(res, 201, { id, url: parsed.url });
			}
			const m = /^\/hooks\/(\w+)$/.exec(url.pathname);
			if (m && req.method === 'DELETE') {
				if (!hooks.delete(m[1])) return send(res, 404, { message: 'no such hook' });
				return send(res, 204, {});
			}
			return send(res, 404, { message: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	// node:test runs top-level after() hooks only once the event loop drains; never hold it.
	server.unref();
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	registerCredentialTypes(new FixtureApi());
});

after(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	seen = [];
});

const creds = (apiKey = GOOD_KEY) => ({ fixtureApi: { apiKey, baseUrl } });

describe('runExecute', () => {
	it('sends the api-key header from the credential through httpRequestWithAuthentication', async () => {
		const out = await runExecute(new FixtureAction(), {
			parameters: { path: 'ping' },
			credentials: creds(),
		});
		assert.deepEqual(out, [
			[{ json: { pong: true, tag: 'default-tag' }, pairedItem: { item: 0 } }],
		]);
		assert.equal(seen.length, 1);
		assert.equal(seen[0].headers['api-key'], GOOD_KEY);
		assert.equal(seen[0].url, '/ping');
	});

	it('resolves expressions in parameters per item', async () => {
		const out = await runExecute(new FixtureAction(), {
			parameters: { path: 'ping', tag: '={{ $json.name }}-x' },
			credentials: creds(),
			items: [{ json: { name: 'a' } }, { json: { name: 'b' } }],
		});
		assert.deepEqual(
			out[0].map((i) => i.json.tag),
			['a-x', 'b-x'],
		);
		assert.equal(seen.length, 2);
	});

	it('surfaces NodeApiError on a 401', async () => {
		await assert.rejects(
			runExecute(new FixtureAction(), {
				parameters: { path: 'ping' },
				credentials: creds('wrong'),
			}),
			(error: unknown) => {
				assert.ok(error instanceof NodeApiError, `expected NodeApiError, got ${String(error)}`);
				assert.equal(error.httpCode, '401');
				return true;
			},
		);
	});

	it('with continueOnFail yields an error item with pairedItem', async () => {
		const out = await runExecute(new FixtureAction(), {
			parameters: { path: 'ping' },
			credentials: creds('wrong'),
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
		});
		assert.equal(out[0].length, 2);
		assert.deepEqual(out[0][1].pairedItem, { item: 1 });
		assert.match(String(out[0][0].json.error), /Authorization failed|401|invalid/i);
	});

	it('throws NodeOperationError from the node as is', async () => {
		await assert.rejects(
			runExecute(new FixtureAction(), { parameters: { path: 'boom' }, credentials: creds() }),
			(error: unknown) => error instanceof NodeOperationError && /Boom/.test(error.message),
		);
	});

	it('fails like n8n when the node has no credentials set', async () => {
		await assert.rejects(
			runExecute(new FixtureAction(), { parameters: { path: 'ping' } }),
			/Node does not have any credentials set/,
		);
	});

	it('honours typeVersion', async () => {
		const out = await runExecute(new FixtureAction(), {
			parameters: { path: 'ping' },
			credentials: creds(),
			typeVersion: 1,
		});
		assert.equal(out[0][0].json.pong, true);
	});
});

describe('runHook', () => {
	it('gives the production URL on activation and the test URL in manual mode', async () => {
		const prod = await runHook(new FixtureTrigger(), 'checkExists', {
			credentials: creds(),
			webhookMode: 'activate',
			webhookBaseUrl: 'https://n8n.example.com/',
		});
		assert.equal(prod.result, false);
		assert.equal(
			prod.webhookUrl,
			`https://n8n.example.com/webhook/${'8a1e5b7c-4f2d-4c3a-9b6e-1d2f3a4b5c6d'}/fixture`,
		);
		assert.deepEqual(prod.staticData.lastCheck, { url: prod.webhookUrl, activation: 'activate' });

		const test = await runHook(new FixtureTrigger(), 'checkExists', {
			credentials: creds(),
			webhookMode: 'manual',
			webhookUrl: 'https://n8n.example.com',
			webhookId: 'abc',
		});
		assert.equal(test.webhookUrl, 'https://n8n.example.com/webhook-test/abc/fixture');
		assert.equal((test.staticData.lastCheck as { activation: string }).activation, 'manual');
	});

	it('keeps static data across checkExists / create / init / delete like n8n', async () => {
		const staticData = {};
		const activated = await activateWebhook(new FixtureTrigger(), {
			credentials: creds(),
			staticData,
			webhookBaseUrl: baseUrl,
		});
		assert.equal(activated.created, true);
		assert.equal(activated.staticData, staticData);
		const id = (staticData as { subscriptionId?: string }).subscriptionId;
		assert.ok(id);
		assert.equal(
			hooks.get(id)?.url,
			`${baseUrl}/webhook/8a1e5b7c-4f2d-4c3a-9b6e-1d2f3a4b5c6d/fixture`,
		);
		assert.equal(hooks.get(id)?.event, 'call.ended');
		const post = seen.find((s) => s.method === 'POST');
		assert.equal(post?.headers['api-key'], GOOD_KEY);

		// n8n restart: checkExists in mode init finds it.
		const init = await runHook(new FixtureTrigger(), 'checkExists', {
			credentials: creds(),
			staticData,
			webhookMode: 'init',
			webhookBaseUrl: baseUrl,
		});
		assert.equal(init.result, true);

		const del = await runHook(new FixtureTrigger(), 'delete', {
			credentials: creds(),
			staticData,
			webhookMode: 'deactivate',
			webhookBaseUrl: baseUrl,
		});
		assert.equal(del.result, true);
		assert.equal(del.staticDataChanged, true);
		assert.equal((staticData as { subscriptionId?: string }).subscriptionId, undefined);
		assert.equal(hooks.has(id), false);
	});

	it('a hook error reaches the test', async () => {
		await assert.rejects(
			runHook(new FixtureTrigger(), 'create', { credentials: creds('wrong'), staticData: {} }),
			NodeApiError,
		);
	});
});

describe('runWebhook', () => {
	it('sees body, query, headers and raw body; static data persists', async () => {
		const staticData: IDataObject = { received: 4 };
		const { result, response } = await runWebhook(new FixtureTrigger(), {
			credentials: creds(),
			staticData,
			request: {
				method: 'POST',
				body: { event: 'call.ended', id: 'c1' },
				query: { a: '1' },
				headers: { 'X-Signature': 'sig' },
			},
		});
		assert.deepEqual(result.workflowData, [
			[
				{
					json: {
						body: { event: 'call.ended', id: 'c1' },
						query: { a: '1' },
						signature: 'sig',
						rawLength: Buffer.byteLength(JSON.stringify({ event: 'call.ended', id: 'c1' })),
						webhookUrl:
							'http://localhost:5678/webhook/8a1e5b7c-4f2d-4c3a-9b6e-1d2f3a4b5c6d/fixture',
					},
				},
			],
		]);
		assert.equal(response.ended, false);
		assert.equal(staticData.received, 5);
	});

	it('parses a raw JSON body like n8n and can start no execution', async () => {
		const { result } = await runWebhook(new FixtureTrigger(), {
			credentials: creds(),
			request: {
				method: 'POST',
				rawBody: '{"event":"other"}',
				headers: { 'content-type': 'application/json' },
			},
		});
		assert.deepEqual(result, {});
	});

	it('lets webhook() send its own response', async () => {
		const { result, response } = await runWebhook(new FixtureTrigger(), {
			credentials: creds(),
			request: { method: 'POST', body: { event: 'x' }, query: { reply: 'custom' } },
		});
		assert.deepEqual(result, { noWebhookResponse: true });
		assert.equal(response.status, 202);
		assert.deepEqual(response.body, { accepted: true, event: 'x' });
		assert.equal(response.headers['x-fixture'], 'yes');
		assert.equal(response.ended, true);
	});
});

describe('runLoadOptions / runListSearch', () => {
	it('loads options with credentials through LoadOptionsContext', async () => {
		const options = await runLoadOptions(new FixtureAction(), 'getThings', {
			credentials: creds(),
		});
		assert.deepEqual(options, [
			{ name: 'Thing one', value: 't1' },
			{ name: 'Thing two', value: 't2' },
		]);
		assert.equal(seen[0].headers['api-key'], GOOD_KEY);
	});

	it('passes filter and pagination token to listSearch', async () => {
		const result = await runListSearch(new FixtureAction(), 'searchThings', {
			credentials: creds(),
			filter: 'one',
			paginationToken: '3',
		});
		assert.equal(result.results[0].name, 'Thing one (one)');
		assert.equal(result.paginationToken, undefined);
		assert.match(seen[0].url, /filter=one/);
		assert.match(seen[0].url, /page=3/);
	});
});

describe('testCredential', () => {
	it('OK with a good key, header and baseUrl resolved from the credential', async () => {
		const result = await testCredential(new FixtureApi(), { apiKey: GOOD_KEY, baseUrl });
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
		assert.equal(seen[0].url, '/ping');
		assert.equal(seen[0].headers['api-key'], GOOD_KEY);
	});

	/*
	 * n8n's CredentialsTester maps failures through `error.cause` (the axios error). In
	 * n8n-workflow 1.x, ExecutionBaseError declares a `cause` class field that wipes the Error
	 * cause, so on n8n 1.x (1.123.50 ships n8n-workflow 1.120.14) the user sees the NodeApiError
	 * message and `test.rules` of type responseCode never fire; n8n-workflow 2.x keeps the cause
	 * (HTTP status text, rules applied). The harness runs whatever n8n-workflow is installed.
	 */
	const probeNode: INode = {
		id: 'x',
		name: 'x',
		type: 'x',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const causeKept =
		new NodeApiError(probeNode, new Error('probe') as unknown as JsonObject).cause !== undefined;

	it('Error on a 401 (message as the installed n8n line gives it)', async () => {
		const result = await testCredential(new FixtureApi(), { apiKey: 'nope', baseUrl });
		assert.equal(result.status, 'Error');
		assert.equal(
			result.message,
			causeKept ? 'Unauthorized' : 'Authorization failed - please check your credentials',
		);
		assert.equal(seen[0].headers['api-key'], 'nope');
	});

	it('applies test.rules: responseSuccessBody always, responseCode only where n8n can', async () => {
		assert.deepEqual(await testCredential(new FixtureApi(), { apiKey: 'key-disabled', baseUrl }), {
			status: 'Error',
			message: 'The account is disabled',
		});
		assert.deepEqual(await testCredential(new FixtureApi(), { apiKey: 'key-forbidden', baseUrl }), {
			status: 'Error',
			message: causeKept
				? 'The API key has no access to this workspace'
				: 'Forbidden - perhaps check your credentials?',
		});
	});

	it('Error when nothing listens', async () => {
		const result = await testCredential(new FixtureApi(), {
			apiKey: GOOD_KEY,
			baseUrl: 'http://127.0.0.1:9',
		});
		assert.equal(result.status, 'Error');
		assert.equal(
			result.message,
			causeKept ? 'ECONNREFUSED' : 'The service refused the connection - perhaps it is offline',
		);
	});

	it('getCredentials applies property defaults and resolves expressions, like n8n', async () => {
		const { context } = createExecuteContext(new FixtureAction(), {
			credentials: { fixtureApi: { apiKey: '={{ "k-" + (1 + 1) }}' } },
		});
		assert.deepEqual(await context.getCredentials('fixtureApi', 0), {
			apiKey: 'k-2',
			baseUrl: 'https://api.example.com',
		});
	});
});
