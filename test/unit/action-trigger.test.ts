// The Atlas Action Trigger's pure parts: the secret check, the declared parameters and their
// check, the words the agent gets, the answer guard's rewriting, and the portal form. No server,
// no engine (the engine suite is test/integration/atlas-action-trigger.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { secretMatches, secretProblem } from '../../nodes/AtlasActionTrigger/auth';
import { actionItem, receivedParameters } from '../../nodes/AtlasActionTrigger/item';
import {
	checkParameters,
	problemAnswer,
	readDeclared,
} from '../../nodes/AtlasActionTrigger/parameters';
import type { AnswerableResponse, AnswerTexts } from '../../nodes/AtlasActionTrigger/respond';
import { guardResponse, jsonAnswer, speakable } from '../../nodes/AtlasActionTrigger/respond';
import { portalForm } from '../../nodes/AtlasActionTrigger/setup';

const SECRET = { headerName: 'X-Atlas-Secret', headerValue: 'a-long-random-secret-0123' };
const TEXTS: AnswerTexts = { empty: { e: 1 }, error: { x: 1 } };

describe('secret', () => {
	it('matches only the exact value under the named header (any casing of the name)', () => {
		assert.equal(secretMatches(SECRET, { 'x-atlas-secret': SECRET.headerValue }), true);
		assert.equal(secretMatches(SECRET, { 'x-atlas-secret': [SECRET.headerValue, 'x'] }), true);
		assert.equal(secretMatches(SECRET, { 'x-atlas-secret': SECRET.headerValue + ' ' }), true);
		assert.equal(
			secretMatches(SECRET, { 'x-atlas-secret': 'A' + SECRET.headerValue.slice(1) }),
			false,
		);
		assert.equal(secretMatches(SECRET, { 'x-other': SECRET.headerValue }), false);
		assert.equal(secretMatches(SECRET, {}), false);
		assert.equal(secretMatches({ ...SECRET, headerValue: '' }, { 'x-atlas-secret': '' }), false);
	});

	it('a weak or unusable credential is named', () => {
		assert.equal(secretProblem(SECRET), undefined);
		assert.match(String(secretProblem({ ...SECRET, headerValue: 'short' })), /shorter/);
		assert.match(String(secretProblem({ ...SECRET, headerName: 'X Atlas' })), /Header Name/);
		assert.match(String(secretProblem({ ...SECRET, headerValue: '' })), /empty/);
	});
});

describe('declared parameters', () => {
	const declared = readDeclared({
		parameter: [
			{ name: ' date ', type: 'string', required: true, description: 'the day' },
			{ name: 'n', type: 'number', required: true, description: '' },
			{ name: 'ok', type: 'boolean', required: false },
			{ name: 'tags', type: 'array', required: false },
			{ name: 'who', type: 'object', required: false },
			{ name: '', type: 'string', required: true },
		],
	});

	it('rows without a name are left out, names trimmed', () => {
		assert.deepEqual(
			declared.map((p) => p.name),
			['date', 'n', 'ok', 'tags', 'who'],
		);
	});

	it('reads text the agent gave as the declared type', () => {
		const { values, problems } = checkParameters(declared, {
			date: 20261203,
			n: ' 4.5 ',
			ok: 'Yes',
			tags: ['a'],
			who: { a: 1 },
			extra: 'kept',
		});
		assert.deepEqual(problems, []);
		assert.deepEqual(values, {
			date: '20261203',
			n: 4.5,
			ok: true,
			tags: ['a'],
			who: { a: 1 },
			extra: 'kept',
		});
	});

	it('missing (or empty) required and wrong types are problems, worded for the agent', () => {
		const { problems } = checkParameters(declared, {
			date: '  ',
			n: 'four',
			ok: 'perhaps',
			tags: 'a',
		});
		assert.deepEqual(
			problems.map((p) => [p.name, p.problem]),
			[
				['date', 'missing'],
				['n', 'wrong type'],
				['ok', 'wrong type'],
				['tags', 'wrong type'],
			],
		);
		const answer = problemAnswer(problems);
		assert.equal(
			answer.message,
			'I still need: date (the day). Please correct: n must be a number; ok must be true or false; tags must be a list. Ask the caller, then call this action again.',
		);
		assert.deepEqual(answer.missing, ['date']);
	});

	it('nothing declared: everything passes as sent', () => {
		assert.deepEqual(checkParameters([], { a: '1' }), { values: { a: '1' }, problems: [] });
		assert.deepEqual(checkParameters([], 'nope'), { values: {}, problems: [] });
	});
});

describe('item', () => {
	it('parameters from the body (also as JSON text), or from the query for GET', () => {
		assert.deepEqual(
			receivedParameters({ body: { Parameters: '{"a":1}' }, query: {}, method: 'POST' }),
			{ a: 1 },
		);
		assert.deepEqual(
			receivedParameters({ body: {}, query: { action: 'x', a: '1' }, method: 'GET' }),
			{ a: '1' },
		);
		assert.deepEqual(receivedParameters({ body: {}, query: { a: '1' }, method: 'POST' }), {});
	});

	it('any casing of the call fields', () => {
		const item = actionItem(
			{
				body: { CallId: 'c', campaign_id: 'k', CustomerPhoneNumber: '+1', parameters: {} },
				query: {},
				method: 'POST',
			},
			{},
		);
		assert.equal(item.callId, 'c');
		assert.equal(item.campaignId, 'k');
		assert.equal(item.customerPhoneNumber, '+1');
		assert.equal(item.customerName, null);
		assert.equal(item.actionName, null);
	});
});

describe('answers', () => {
	it("errors, empties and n8n's own messages become speakable JSON; real answers pass", () => {
		assert.deepEqual(speakable(500, { message: 'Error in workflow' }, TEXTS), { x: 1 });
		assert.deepEqual(speakable(200, undefined, TEXTS), { e: 1 });
		assert.deepEqual(speakable(200, undefined, { ...TEXTS, unanswered: { u: 1 } }), { u: 1 });
		assert.deepEqual(speakable(200, [], TEXTS), { e: 1 });
		assert.deepEqual(speakable(200, 'plain words', TEXTS), { message: 'plain words' });
		assert.deepEqual(speakable(200, '{"a":1}', TEXTS), { a: 1 });
		assert.deepEqual(speakable(200, Buffer.from('{"a":2}'), TEXTS), { a: 2 });
		assert.deepEqual(speakable(200, { message: 'Workflow was started' }, TEXTS), { e: 1 });
		assert.deepEqual(speakable(200, [{ a: 1 }], TEXTS), [{ a: 1 }]);
		assert.deepEqual(speakable(200, { slots: [] }, TEXTS), { slots: [] });
	});

	it('a JSON option: an object, JSON text, a sentence, else the default', () => {
		assert.deepEqual(jsonAnswer('{"a":1}', { d: 1 }), { a: 1 });
		assert.deepEqual(jsonAnswer({ a: 1 }, { d: 1 }), { a: 1 });
		assert.deepEqual(jsonAnswer('Thanks!', { d: 1 }), { message: 'Thanks!' });
		assert.deepEqual(jsonAnswer('', { d: 1 }), { d: 1 });
		assert.deepEqual(jsonAnswer({}, { d: 1 }), { d: 1 });
	});

	it('the guard: first answer wins as 200 JSON, later writes are dropped', () => {
		const sent: string[] = [];
		const headers: Record<string, unknown> = {};
		const res: AnswerableResponse & { status(c: number): unknown } = {
			statusCode: 200,
			headersSent: false,
			status(code: number) {
				this.statusCode = code;
				return this;
			},
			json() {
				throw new Error('replaced');
			},
			send(body?: unknown) {
				if (this.headersSent) throw new Error('headers already sent');
				sent.push(String(body));
				this.headersSent = true;
				return this;
			},
			end() {
				return this;
			},
			setHeader(name: string, value: unknown) {
				if (this.headersSent) throw new Error('headers already sent');
				headers[name.toLowerCase()] = value;
				return this;
			},
		};
		const guard = guardResponse(res, TEXTS);
		res.status(500);
		res.json({ message: 'Error in workflow' });
		assert.equal(res.statusCode, 200);
		assert.deepEqual(sent, ['{"x":1}']);
		assert.match(String(headers['content-type']), /application\/json/);
		assert.equal(guard.answered, true);
		assert.equal(guard.answer({ late: true }), false);
		res.setHeader('x-late', '1');
		res.send('late');
		res.end();
		assert.deepEqual(sent, ['{"x":1}']);
	});
});

describe('setup', () => {
	it('the portal form for a configuration', () => {
		const form = portalForm({
			productionUrl: 'https://n8n.example.com/webhook/abc/action',
			actionName: 'check availability',
			method: 'POST',
			headerName: 'X-Atlas-Secret',
			declared: readDeclared({
				parameter: [{ name: 'date', type: 'string', required: true, description: 'the day' }],
			}),
			synchronous: true,
			fallbackAfterSeconds: 25,
		});
		assert.deepEqual(Object.fromEntries(form), {
			Name: 'check availability',
			URL: 'https://n8n.example.com/webhook/abc/action?action=check%20availability',
			Method: 'POST',
			Headers: "X-Atlas-Secret: <the credential's Header Value>",
			'Synchronous Mode': 'on',
			Timeout: 'more than 25 seconds (default 30)',
			'Parameter date': 'type string, required, "the day"',
		});
	});
});
