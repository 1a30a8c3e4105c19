// Answers of the Atlas API that the emulator does not give, served by a stub: a 400 saying a
// subscription does not exist (unsubscribe is documented with 400 and 500 only), chat sessions
// with AIProviderSessionId and Tittle, call records in { value: [...] } with camelCase rowKey.
// Run through n8n's real engine; the harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from '../helpers/engine';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { AtlasApi } from '../../credentials/AtlasApi.credentials';
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';

type Answer = { status: number; body: unknown };
let server: Server;
let baseUrl: string;
let answer: (req: IncomingMessage) => Answer;
const seen: Array<{ method: string; url: string }> = [];

before(async () => {
	registerCredentialTypes(new AtlasApi());
	server = createServer((req, res) => {
		seen.push({ method: req.method ?? '', url: req.url ?? '' });
		req.resume();
		req.on('end', () => {
			const { status, body } = answer(req);
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/api`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
	seen.length = 0;
});

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
async function run(parameters: INodeParameters) {
	const [items] = await runExecute(new Atlas(), {
		parameters,
		credentials: { atlasApi: { apiKey: 'k-123', baseUrl } },
	});
	return items.map((item) => item.json);
}
const unsubscribeParams: INodeParameters = {
	resource: 'webhook',
	operation: 'unsubscribe',
	hookUrl: 'https://n8n.example.com/webhook/x/atlas?event=call_completed&token=t',
	campaign: rl('cmp_sales'),
	event: 'call_completed',
};

describe('Atlas answers read tolerantly', () => {
	for (const message of [
		'Subscription does not exist',
		'Trigger subscription not found',
		'No such subscription',
	]) {
		it(`Unsubscribe: a 400 "${message}" means already gone`, async () => {
			answer = () => ({ status: 400, body: { statusCode: 400, message, error: 'Bad Request' } });
			const [item] = await run(unsubscribeParams);
			assert.equal(item.unsubscribed, true);
			assert.equal(item.existed, false);
		});
	}

	it('Unsubscribe: any other 400 stays an error the user can act on', async () => {
		answer = () => ({
			status: 400,
			body: { statusCode: 400, message: ['hookUrl must be a URL address'], error: 'Bad Request' },
		});
		await assert.rejects(run(unsubscribeParams), (error: unknown) => {
			assert.ok(error instanceof NodeApiError);
			assert.equal(
				error.message,
				'Atlas rejected the request: "Webhook URL" must be a URL address',
			);
			return true;
		});
	});

	it('Chat > Get Sessions: AIProviderSessionId as the session id, the title spelled Tittle', async () => {
		answer = () => ({
			status: 200,
			body: [
				{
					AIProviderSessionId: 'ai_1',
					ContactIdentification: '+1 (415) 555-0101',
					Tittle: 'Quote',
					Status: 'active',
					Timestamp: '2025-06-01T00:00:00Z',
				},
			],
		});
		const [session] = await run({
			resource: 'chat',
			operation: 'getSessions',
			campaign: rl('cmp_chat'),
			returnAll: true,
		});
		assert.equal(session.sessionId, 'ai_1');
		assert.equal(session.title, 'Quote');
		assert.equal(session.contact, '+1 (415) 555-0101');
		assert.equal(session.campaignId, 'cmp_chat');
	});

	it('Call > Get Many: { value: [...] } with camelCase rowKey ids', async () => {
		answer = () => ({
			status: 200,
			body: {
				value: [{ rowKey: 'call_9', campaignId: 'cmp_sales', endedReason: 'customer-busy' }],
			},
		});
		const calls = await run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		assert.deepEqual(
			calls.map((c) => [c.callId, c.endedReason]),
			[['call_9', 'customer-busy']],
		);
	});

	it('Webhook > List for all campaigns asks for campaign "*", and reads the answer either way', async () => {
		answer = () => ({
			status: 200,
			body: {
				value: [
					{
						hookUrl: 'https://a.example/h',
						campaignId: 'cmp_sales',
						triggerName: 'call_started',
						provider: 'custom',
					},
				],
			},
		});
		const subs = await run({ resource: 'webhook', operation: 'list', campaign: rl('*') });
		assert.equal(subs[0].campaignId, 'cmp_sales');
		assert.match(seen[0].url, /[?&]campaignId=\*(&|$)|[?&]campaignId=%2A/);
	});
});
