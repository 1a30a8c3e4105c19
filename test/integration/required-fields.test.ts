// Every field Atlas's reference requires is asked for by the form, checked before anything is
// sent (in the form's words), and Atlas's own refusals name the form's labels.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { atlasError } from '../../nodes/shared/transport/errors';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'atlas-secret-KEY-required';
let emu: Emulator;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(parameters: INodeParameters, items = [{ json: {} }], continueOnFail = false) {
	const out = await runExecute(new Atlas(), {
		parameters,
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		items,
		continueOnFail,
	});
	return out[0].map((item) => item.json);
}

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
});
after(async () => {
	await emu.close();
});
beforeEach(() => emu.reset());

/** The form's property for a parameter of one operation. */
function property(resource: string, operation: string, name: string): INodeProperties | undefined {
	return new Atlas().description.properties.find(
		(p) =>
			p.name === name &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
}

describe('the form marks what the reference requires', () => {
	const required: Array<[string, string, string]> = [
		// createschedule: campaignId, customerName, customerPhoneNumber [doc]
		['call', 'schedule', 'campaign'],
		['call', 'schedule', 'customerName'],
		['call', 'schedule', 'customerPhoneNumber'],
		// subscribe / unsubscribe: hookUrl, campaignId, triggerName (provider: "custom" by default)
		['webhook', 'subscribe', 'hookUrl'],
		['webhook', 'subscribe', 'campaign'],
		['webhook', 'subscribe', 'event'],
		['webhook', 'unsubscribe', 'hookUrl'],
		['webhook', 'unsubscribe', 'event'],
		// send-human-response: sessionId (found from the contact), message [doc]
		['chat', 'replyAsHuman', 'message'],
		// sms schedule: customerPhoneNumber, customMessage [live]
		['chat', 'startSms', 'customerPhoneNumber'],
		['chat', 'startSms', 'message'],
	];
	for (const [resource, operation, name] of required) {
		it(`${resource} > ${operation}: ${name}`, () => {
			const found = property(resource, operation, name);
			assert.ok(found, `${name} is in the form`);
			assert.equal(found.required, true, `${found.displayName} is marked required`);
		});
	}
});

describe('Call > Schedule: Customer Name', () => {
	const schedule = (customerName: string): INodeParameters => ({
		resource: 'call',
		operation: 'schedule',
		campaign: rl('cmp_sales'),
		customerPhoneNumber: '+14155550123',
		customerName,
	});

	it("a blank name fails its item in the form's words; nothing is sent", async () => {
		await assert.rejects(run(schedule('   ')), (error: Error & { description?: string }) => {
			assert.equal(error.message, 'Customer Name is empty');
			assert.match(error.description ?? '', /Nothing was sent/);
			return true;
		});
		assert.equal(emu.requests({ route: 'POST /campaign/createschedule' }).length, 0);
	});

	it('with Continue On Fail, the named person is still called', async () => {
		const out = await run(
			schedule('={{ $json.name }}'),
			[{ json: { name: '' } }, { json: { name: 'Dana Whitfield' } }],
			true,
		);
		assert.match(String(out[0].error), /Customer Name is empty/);
		assert.equal(out[1].customerName, 'Dana Whitfield');
		assert.equal(emu.requests({ route: 'POST /campaign/createschedule' }).length, 1);
	});
});

describe("Atlas's refusals name the form's labels", () => {
	// the Atlas node's context (it has input items); a trigger's keeps Atlas's field names
	const ctx = {
		getInputData: () => [],
		getNode: () => ({
			id: '1',
			name: 'Atlas',
			type: 'n8n-nodes-atlas.atlas',
			typeVersion: 2,
			position: [0, 0] as [number, number],
			parameters: {},
		}),
	};

	it('customerName should not be empty → "Customer Name"', () => {
		const error = atlasError(
			ctx as never,
			400,
			{ statusCode: 400, error: 'Bad Request', message: ['customerName should not be empty'] },
			{ method: 'POST', path: '/campaign/createschedule', body: { customerName: '' } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Atlas rejected the request: "Customer Name" should not be empty');
		assert.match(error.description ?? '', /Check Customer Name in the node's parameters/);
		assert.match(error.description ?? '', /Atlas said: customerName should not be empty/);
	});

	it('a field this request did not send, or a word inside another, stays as Atlas said it', () => {
		const error = atlasError(
			ctx as never,
			400,
			{ message: 'messageCount is wrong; hookUrl too' },
			{ method: 'POST', path: '/x', body: { message: 'hi' } },
		);
		assert.equal(error.message, 'Atlas rejected the request: messageCount is wrong; hookUrl too');
	});

	it("a trigger's own request (no form field) keeps Atlas's names", () => {
		const error = atlasError(
			{ getNode: ctx.getNode } as never,
			400,
			{ message: 'hookUrl must be an HTTPS URL' },
			{ method: 'POST', path: '/subscribe', body: { hookUrl: 'http://x' } },
		);
		assert.equal(error.message, 'Atlas rejected the request: hookUrl must be an HTTPS URL');
	});
});
