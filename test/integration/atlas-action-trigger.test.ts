// Atlas Action Trigger: webhook() and its lifecycle run through n8n-core's contexts
// (test/helpers/engine.ts), and the Atlas node's Agent > Answer the Agent through
// WorkflowExecute.runNode. What n8n's server does with the answer afterwards (last node, answer
// node) is replayed on the response object n8n hands the node, as n8n 1.123 and 2.41 write it;
// test/e2e/atlas-action-trigger.e2e.test.ts proves the same in real n8n on both lines.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute, runHook, runWebhook } from '../helpers/engine';
import type { HarnessRequestInit } from '../helpers/engine';

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasActionApi } from '../../credentials/AtlasActionApi.credentials';
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
// '.js': tsx would otherwise resolve 'AtlasActionTrigger.node' to the codex file
import { AtlasActionTrigger } from '../../nodes/AtlasActionTrigger/AtlasActionTrigger.node.js';
import { DEFAULT_EMPTY_ANSWER, DEFAULT_ERROR_ANSWER } from '../../nodes/AtlasActionTrigger/respond';

const SECRET = 'a-long-random-secret-0123456789';
const CREDENTIAL = { atlasActionApi: { headerName: 'X-Atlas-Secret', secret: SECRET } };
const BEARER = { atlasActionApi: { headerName: 'Authorization', secret: `Bearer ${SECRET}` } };
const trigger = new AtlasActionTrigger();

const CALL = {
	callId: 'call_1',
	campaignId: 'cmp_1',
	customerPhoneNumber: '+14155550123',
	customerName: 'Dana',
	parameters: { date: '2026-12-03', partySize: '4' },
};

const DECLARED = {
	parameter: [
		{ name: 'date', type: 'string', required: true, description: 'the day, as YYYY-MM-DD' },
		{ name: 'partySize', type: 'number', required: true, description: 'how many people' },
		{ name: 'vip', type: 'boolean', required: false, description: '' },
	],
};

before(() => {
	registerCredentialTypes(new AtlasActionApi());
});

async function call(
	request: HarnessRequestInit,
	parameters: INodeParameters = {},
	credentials: IDataObject = CREDENTIAL,
) {
	return await runWebhook(trigger, {
		parameters: {
			respond: 'lastNode',
			...parameters,
			options: { fallbackAfterSeconds: 0, ...(parameters.options as IDataObject) },
		},
		credentials: credentials as never,
		request: { method: 'POST', headers: { 'x-atlas-secret': SECRET }, body: CALL, ...request },
	});
}

function bodyOf(recorded: { body: unknown }): unknown {
	return typeof recorded.body === 'string' ? JSON.parse(recorded.body) : recorded.body;
}

describe('authentication', () => {
	it('a missing secret is answered 401 and starts no execution', async () => {
		const { result, response } = await call({ headers: {} });
		assert.equal(response.status, 401);
		assert.equal(result.workflowData, undefined);
		assert.equal(result.noWebhookResponse, true);
		assert.ok(!JSON.stringify(response.body).includes(SECRET));
	});

	it('a wrong secret, or the right one under another header, is answered 401', async () => {
		for (const headers of <Array<Record<string, string>>>[
			{ 'x-atlas-secret': SECRET + 'x' },
			{ 'x-atlas-secret': SECRET.slice(0, -1) },
			{ authorization: SECRET },
		]) {
			const { result, response } = await call({ headers });
			assert.equal(response.status, 401, JSON.stringify(headers));
			assert.equal(result.workflowData, undefined);
		}
	});

	it('the right secret starts the execution', async () => {
		const { result, response } = await call({});
		assert.equal(result.workflowData?.[0].length, 1);
		assert.equal(response.ended, false, 'n8n answers later (last node)');
	});

	it('a bearer token is the same with Authorization', async () => {
		const ok = await call({ headers: { authorization: `Bearer ${SECRET}` } }, {}, BEARER);
		assert.equal(ok.result.workflowData?.[0].length, 1);
		const bad = await call({ headers: { authorization: `Bearer nope` } }, {}, BEARER);
		assert.equal(bad.response.status, 401);
	});

	it('None takes any call', async () => {
		const { result } = await call({ headers: {} }, { authentication: 'none' }, {});
		assert.equal(result.workflowData?.[0].length, 1);
	});

	it('the credential test refuses a weak or unusable secret', async () => {
		const test = trigger.methods.credentialTest.atlasActionSecret;
		const run = (data: IDataObject) =>
			test.call({} as never, { id: '1', name: 'c', type: 'atlasActionApi', data } as never);
		assert.equal((await run({ headerName: 'X-Atlas-Secret', secret: SECRET })).status, 'OK');
		assert.equal((await run({ headerName: 'X-Atlas-Secret', secret: 'short' })).status, 'Error');
		assert.equal((await run({ headerName: 'Bad Header:', secret: SECRET })).status, 'Error');
	});

	it('activation fails with words when the secret cannot guard the action, and logs the setup', async () => {
		await assert.rejects(
			runHook(trigger, 'create', {
				parameters: {},
				credentials: { atlasActionApi: { headerName: 'X-Atlas-Secret', secret: 'short' } },
			}),
			/shorter than 16 characters/,
		);
		const ok = await runHook(trigger, 'create', { parameters: {}, credentials: CREDENTIAL });
		assert.equal(ok.result, true);
		const exists = await runHook(trigger, 'checkExists', {
			parameters: {},
			credentials: CREDENTIAL,
		});
		assert.equal(exists.result, false);
	});
});

describe('output item', () => {
	it('has the call context, every parameter at the top level, the original parameters and the action name', async () => {
		const { result } = await call({ query: { action: 'check availability' } });
		const item = result.workflowData?.[0][0].json;
		assert.deepEqual(item, {
			callId: 'call_1',
			campaignId: 'cmp_1',
			customerPhoneNumber: '+14155550123',
			customerName: 'Dana',
			actionName: 'check availability',
			date: '2026-12-03',
			partySize: '4',
			parameters: { date: '2026-12-03', partySize: '4' },
		});
	});

	it('a parameter named like a context field stays in parameters only', async () => {
		const { result } = await call({ body: { ...CALL, parameters: { callId: 'x', when: 'now' } } });
		const item = result.workflowData?.[0][0].json as IDataObject;
		assert.equal(item.callId, 'call_1');
		assert.equal(item.when, 'now');
		assert.deepEqual(item.parameters, { callId: 'x', when: 'now' });
	});

	it('GET takes the parameters from the query', async () => {
		const { result } = await call(
			{ method: 'GET', body: undefined, query: { action: 'lookup', orderId: '42' } },
			{ httpMethod: 'GET' },
		);
		const item = result.workflowData?.[0][0].json as IDataObject;
		assert.equal(item.orderId, '42');
		assert.equal(item.actionName, 'lookup');
		assert.equal(item.callId, null);
	});
});

describe('declared parameters', () => {
	it('valid parameters are read as their declared type', async () => {
		const { result } = await call({}, { declaredParameters: DECLARED });
		const item = result.workflowData?.[0][0].json as IDataObject;
		assert.equal(item.partySize, 4);
		assert.deepEqual(item.parameters, CALL.parameters, 'the original is kept as sent');
	});

	it('a missing or wrongly typed parameter is answered to the agent in words, and nothing runs', async () => {
		const { result, response } = await call(
			{ body: { ...CALL, parameters: { partySize: 'many', vip: 'maybe' } } },
			{ declaredParameters: DECLARED },
		);
		assert.equal(result.workflowData, undefined);
		assert.equal(response.status, 200);
		assert.match(String(response.headers['content-type']), /application\/json/);
		const body = bodyOf(response) as IDataObject;
		assert.equal(body.ok, false);
		assert.deepEqual(body.missing, ['date']);
		assert.deepEqual(body.invalid, ['partySize', 'vip']);
		assert.match(String(body.message), /I still need: date \(the day, as YYYY-MM-DD\)/);
		assert.match(String(body.message), /partySize \(how many people\) must be a number/);
	});

	it('Run With Error Field runs the workflow with error and parameterProblems', async () => {
		const { result, response } = await call(
			{ body: { ...CALL, parameters: { partySize: 2 } } },
			{ declaredParameters: DECLARED, options: { onInvalidParameters: 'run' } },
		);
		assert.equal(response.ended, false);
		const item = result.workflowData?.[0][0].json as IDataObject;
		assert.match(String(item.error), /I still need: date/);
		assert.deepEqual(item.parameterProblems, [
			{ name: 'date', problem: 'missing', expected: 'string' },
		]);
	});
});

describe('respond modes', () => {
	it('Immediately: the node answers 200 JSON at once, and the workflow still runs', async () => {
		const { result, response } = await call({}, { respond: 'onReceived' });
		assert.equal(result.noWebhookResponse, true);
		assert.equal(result.workflowData?.[0].length, 1);
		assert.equal(response.status, 200);
		assert.deepEqual(bodyOf(response), { ok: true, message: 'Received.' });
	});

	for (const respond of ['lastNode', 'responseNode']) {
		describe(respond, () => {
			it("n8n's answer goes out as 200 JSON", async () => {
				const { run, response } = await call({}, { respond });
				const res = run.additionalData.httpResponse as unknown as {
					status(c: number): { json(b: unknown): void };
				};
				res.status(200).json({ available: true });
				assert.equal(response.status, 200);
				assert.deepEqual(bodyOf(response), { available: true });
				assert.match(String(response.headers['content-type']), /application\/json/);
			});

			it("n8n's 500 (the workflow failed) becomes the Error Answer, still 200", async () => {
				const { run, response } = await call({}, { respond });
				const res = run.additionalData.httpResponse as unknown as {
					status(c: number): { json(b: unknown): void };
				};
				res.status(500).json({ message: 'Error in workflow' });
				assert.equal(response.status, 200);
				assert.deepEqual(bodyOf(response), DEFAULT_ERROR_ANSWER);
			});

			it('an empty answer becomes the Empty Answer', async () => {
				for (const empty of [
					...(respond === 'lastNode' ? [undefined] : []),
					{},
					'',
					{ message: 'Workflow executed successfully but the last node did not return any data' },
				]) {
					const { run, response } = await call({}, { respond });
					const res = run.additionalData.httpResponse as unknown as { json(b: unknown): void };
					res.json(empty);
					assert.deepEqual(bodyOf(response), DEFAULT_EMPTY_ANSWER, JSON.stringify(empty));
				}
			});

			it('no body at all', async () => {
				const { run, response } = await call({}, { respond });
				(run.additionalData.httpResponse as unknown as { json(b: unknown): void }).json(undefined);
				// with an answer node: no node answered before the execution ended (1.123)
				const want = respond === 'lastNode' ? DEFAULT_EMPTY_ANSWER : DEFAULT_ERROR_ANSWER;
				assert.deepEqual(bodyOf(response), want);
			});

			it('a slow workflow: the Fallback Answer after N seconds, and nothing after it', async () => {
				const { run, response } = await call(
					{},
					{ respond, options: { fallbackAfterSeconds: 0.05, fallbackAnswer: '{"later": true}' } },
				);
				assert.equal(response.ended, false);
				await new Promise((r) => setTimeout(r, 120));
				assert.equal(response.status, 200);
				assert.deepEqual(bodyOf(response), { later: true });
				const res = run.additionalData.httpResponse as unknown as {
					status(c: number): { json(b: unknown): void };
					setHeader(n: string, v: string): void;
				};
				// n8n's own answer afterwards must not throw "headers already sent"
				res.setHeader('x-late', '1');
				res.status(200).json({ available: true });
				assert.deepEqual(bodyOf(response), { later: true });
			});

			it('an answer in time stops the fallback', async () => {
				const { run, response } = await call(
					{},
					{ respond, options: { fallbackAfterSeconds: 0.05 } },
				);
				(run.additionalData.httpResponse as unknown as { json(b: unknown): void }).json({ a: 1 });
				await new Promise((r) => setTimeout(r, 120));
				assert.deepEqual(bodyOf(response), { a: 1 });
			});
		});
	}
});

describe('Atlas node: Agent > Answer the Agent', () => {
	const atlas = new Atlas();
	async function answer(
		parameters: INodeParameters,
		items: INodeExecutionData[] = [{ json: { callId: 'c1', date: 'd' } }],
	) {
		const sent: unknown[] = [];
		const output = await runExecute(atlas, {
			parameters: { resource: 'action', operation: 'answer', ...parameters },
			items,
			mode: 'webhook',
			additionalData: {
				hooks: {
					runHook: async (name: string, args: unknown[]) => {
						if (name === 'sendResponse') sent.push(args[0]);
					},
				} as never,
			},
		});
		return { sent, output };
	}

	it('answers with the incoming item and passes the items on', async () => {
		const { sent, output } = await answer({});
		assert.deepEqual(sent, [
			{
				body: { callId: 'c1', date: 'd' },
				headers: { 'content-type': 'application/json; charset=utf-8' },
				statusCode: 200,
			},
		]);
		assert.deepEqual(
			output[0].map((i) => i.json),
			[{ callId: 'c1', date: 'd' }],
		);
	});

	it('answers once per execution, with JSON or text', async () => {
		const two = [{ json: { a: 1 } }, { json: { a: 2 } }];
		const json = await answer({ answerWith: 'json', answerJson: '{"free": ["10:00"]}' }, two);
		assert.equal(json.sent.length, 1);
		assert.deepEqual((json.sent[0] as IDataObject).body, { free: ['10:00'] });
		assert.equal(json.output[0].length, 2);
		const text = await answer({ answerWith: 'text', answerText: 'Tuesday is free.' });
		assert.deepEqual((text.sent[0] as IDataObject).body, { message: 'Tuesday is free.' });
	});

	it('needs no Atlas API credential', async () => {
		const { sent } = await answer({});
		assert.equal(sent.length, 1);
	});

	it('invalid JSON fails with words', async () => {
		await assert.rejects(answer({ answerWith: 'json', answerJson: '{nope' }), /not valid JSON/);
	});
});

describe('type versions', () => {
	it('1.1 is the default for new nodes, and workflows saved at 1 build the same item', async () => {
		assert.deepEqual(trigger.description.version, [1, 1.1]);
		assert.equal(trigger.description.defaultVersion, 1.1);
		const items: unknown[] = [];
		for (const typeVersion of [1, 1.1]) {
			const { result, response } = await runWebhook(trigger, {
				typeVersion,
				parameters: { respond: 'lastNode', options: { fallbackAfterSeconds: 0 } },
				credentials: CREDENTIAL as never,
				request: { method: 'POST', headers: { 'x-atlas-secret': SECRET }, body: CALL },
			});
			assert.equal(response.ended, false, `${typeVersion}: n8n answers later`);
			items.push(result.workflowData?.[0][0].json);
		}
		assert.deepEqual(items[0], items[1]);
		assert.equal((items[1] as IDataObject).date, CALL.parameters.date);
	});
});
