// The Atlas node's actions (Call > Schedule, Get Scheduled; Chat > Start SMS Conversation,
// Reply As Human, Set Human Hand-off) through n8n's real engine against the Atlas emulator.
// The harness must be imported before anything that loads n8n-core.
import { createExecuteContext, registerCredentialTypes, runExecute } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { forgetRecentClaims } from '../../nodes/Atlas/actions/call/schedule/recent';
import { forgetSchedulePath } from '../../nodes/shared/api/calls';
import { zonedToInstant } from '../../nodes/shared/util/zone';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'atlas-secret-KEY-acts';
let emu: Emulator;

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const rows = (...values: IDataObject[]): INodeExecutionData[] => values.map((json) => ({ json }));

async function run(
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean; executionId?: string } = {},
): Promise<INodeExecutionData[]> {
	const out = await runExecute(new Atlas(), {
		parameters,
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		items: options.items,
		continueOnFail: options.continueOnFail,
		...(options.executionId ? { additionalData: { executionId: options.executionId } } : {}),
	});
	return out[0];
}

async function fails(parameters: INodeParameters, options: Parameters<typeof run>[1] = {}) {
	let caught: unknown;
	await run(parameters, options).then(
		() => assert.fail('expected the node to fail'),
		(error: unknown) => (caught = error),
	);
	const e = caught as { message: string; description?: string; context?: IDataObject };
	return { ...e, message: e.message, text: `${e.message}\n${e.description ?? ''}` };
}

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const posts = (route: string) => emu.requests({ method: 'POST', route });
const SCHEDULE = 'POST /campaign/createschedule';

const schedule = (over: INodeParameters = {}): INodeParameters => ({
	resource: 'call',
	operation: 'schedule',
	campaign: rl('cmp_sales'),
	customerPhoneNumber: '(415) 555-0123',
	customerName: 'Dana Whitfield',
	...over,
});

before(async () => {
	registerCredentialTypes(new AtlasApi());
	// calls placed by the emulator in these tests ring late: they must not disturb the checks
	emu = await startEmulator({ apiKey: API_KEY, callDelayMs: 60_000 });
});
after(async () => await emu.close());
beforeEach(() => {
	emu.reset();
	emu.configure({ callDelayMs: 60_000 });
	forgetSchedulePath();
	forgetRecentClaims();
});

describe('Call > Schedule', () => {
	it('calls now: sends the number in E.164 once, answers what Atlas said and what was asked', async () => {
		const before = Date.now();
		const [item] = await run(schedule());
		const [request] = posts(SCHEDULE);
		assert.deepEqual(request.body, {
			campaignId: 'cmp_sales',
			customerPhoneNumber: '+14155550123',
			customerName: 'Dana Whitfield',
		});
		assert.equal(posts(SCHEDULE).length, 1);
		assert.equal(item.json.sequenceNumber, 1);
		assert.equal(item.json.campaignId, 'cmp_sales');
		assert.equal(item.json.customerPhoneNumber, '+14155550123');
		assert.equal(item.json.skipped, false);
		assert.equal(item.json.when, 'now');
		assert.ok(Date.parse(item.json.scheduledAt as string) >= before - 1000);
		assert.deepEqual(item.pairedItem, { item: 0 });
	});

	it('at a date and time: ISO with an offset, text in the workflow time zone, a DateTime; customerInfo', async () => {
		const at = new Date(Date.now() + 2 * 3_600_000);
		at.setUTCSeconds(0, 0);
		const offset = `${at.toISOString().slice(0, 16)}+00:00`;
		const [first] = await run(
			schedule({ when: 'at', scheduledAt: offset, customerInfo: 'Wants a quote for 20 panels' }),
		);
		assert.equal(first.json.scheduledAt, at.toISOString());
		assert.equal(first.json.when, 'scheduled');
		assert.deepEqual(posts(SCHEDULE)[0].body, {
			campaignId: 'cmp_sales',
			customerPhoneNumber: '+14155550123',
			customerName: 'Dana Whitfield',
			customerInfo: 'Wants a quote for 20 panels',
			scheduledDate: at.toISOString(),
		});

		// the date picker's value has no offset: it is read in the workflow's time zone
		const zone = createExecuteContext(new Atlas(), {}).context.getTimezone();
		const tomorrow = new Date(Date.now() + 86_400_000);
		const local = `${tomorrow.toISOString().slice(0, 10)}T09:30:00`;
		const [year, month, day] = local.slice(0, 10).split('-').map(Number);
		const expected = new Date(
			zonedToInstant({ year, month, day, hour: 9, minute: 30, second: 0 }, zone),
		).toISOString();
		const [second] = await run(
			schedule({ customerPhoneNumber: '+44 20 7946 0958', when: 'at', scheduledAt: local }),
		);
		assert.equal(second.json.scheduledAt, expected, `09:30 in ${zone}`);
		assert.equal(
			posts(SCHEDULE)[1].body && (posts(SCHEDULE)[1].body as IDataObject).scheduledDate,
			expected,
		);

		// an n8n DateTime from an expression
		const [third] = await run(
			schedule({
				customerPhoneNumber: '+1 212 555 0100',
				when: 'at',
				scheduledAt: `={{ DateTime.fromISO('${at.toISOString()}').plus({ hours: 1 }) }}`,
			}),
		);
		assert.equal(third.json.scheduledAt, new Date(at.getTime() + 3_600_000).toISOString());
	});

	it('refuses a time in the past or that is not a time, before anything is sent', async () => {
		const past = await fails(schedule({ when: 'at', scheduledAt: '2020-01-01T10:00:00Z' }));
		assert.match(past.message, /item 1 is in the past/);
		const nonsense = await fails(schedule({ when: 'at', scheduledAt: 'next tuesday-ish' }));
		assert.match(nonsense.message, /"next tuesday-ish" \(item 1\) is not a date and time/);
		assert.equal(posts(SCHEDULE).length, 0);
	});

	it('an unreadable number fails its item, naming the item and the value, before anything is sent', async () => {
		const error = await fails(schedule({ customerPhoneNumber: '555-CALL-NOW' }));
		assert.match(error.message, /Phone number "555-CALL-NOW" of item 1 contains characters/);
		assert.match(error.text, /Nothing was sent to Atlas/);
		assert.equal(emu.requests().length, 0, 'not even a read');
	});

	it('with Continue On Fail, one bad row of many never stops the rest; its error item names the row and why', async () => {
		const phones = ['+14155550111', '+14155550112', '12345', '+14155550114', '+14155550115'];
		const out = await run(schedule({ customerPhoneNumber: '={{ $json.phone }}' }), {
			items: rows(...phones.map((phone) => ({ phone }))),
			continueOnFail: true,
		});
		assert.equal(out.length, 5);
		assert.deepEqual(
			out.map((item) => item.pairedItem),
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		assert.match(String(out[2].json.error), /Phone number "12345" of item 3/);
		assert.deepEqual(
			json(out)
				.filter((item) => !item.error)
				.map((item) => item.customerPhoneNumber),
			['+14155550111', '+14155550112', '+14155550114', '+14155550115'],
		);
		assert.equal(posts(SCHEDULE).length, 4);
	});

	it('one bad row of 500 never stops the other 499', async () => {
		const phones = Array.from({ length: 500 }, (_, n) => `+1415557${String(n).padStart(4, '0')}`);
		phones[321] = '+1 (415) 55';
		const out = await run(
			schedule({
				customerPhoneNumber: '={{ $json.phone }}',
				scheduleOptions: { skipRecent: false, maxCalls: 500, delayMs: 0 },
			}),
			{ items: rows(...phones.map((phone) => ({ phone }))), continueOnFail: true },
		);
		assert.equal(out.length, 500);
		const errors = out.filter((item) => item.json.error);
		assert.equal(errors.length, 1);
		assert.match(String(errors[0].json.error), /Phone number "\+1 \(415\) 55" of item 322/);
		assert.deepEqual(errors[0].pairedItem, { item: 321 });
		assert.equal(posts(SCHEDULE).length, 499);
	});

	it("Don't Call the Same Person Twice: a repeated submit within the window schedules nothing new", async () => {
		await run(schedule());
		const [again] = await run(schedule({ customerPhoneNumber: '415.555.0123' }));
		assert.equal(again.json.skipped, true);
		assert.match(String(again.json.reason), /\+14155550123 is already scheduled in this campaign/);
		assert.equal(again.json.sequenceNumber, null);
		assert.deepEqual((again.json.duplicateOf as IDataObject).sequenceNumber, 1);
		assert.equal(posts(SCHEDULE).length, 1);
		// the check reads Atlas's scheduled calls and its call records
		assert.ok(emu.requests({ route: 'GET /call/scheduled/:campaignId' }).length >= 2);

		// another campaign, or the option off, schedules again
		const [off] = await run(
			schedule({ customerPhoneNumber: '415.555.0123', scheduleOptions: { skipRecent: false } }),
		);
		assert.equal(off.json.skipped, false);
		assert.equal(posts(SCHEDULE).length, 2);
	});

	it('a double submit, two executions at once, rings the person once', async () => {
		// both executions check Atlas before either has scheduled: only this process's claim stops the second
		emu.setLatency(300, '/call/scheduled/:campaignId');
		try {
			const [a, b] = await Promise.all([
				run(schedule()),
				run(schedule({ customerPhoneNumber: '+1 415 555 0123' })),
			]);
			const outcomes = [a[0].json.skipped, b[0].json.skipped].sort();
			assert.deepEqual(outcomes, [false, true]);
			assert.match(
				String((a[0].json.skipped ? a : b)[0].json.reason),
				/a moment ago by another execution/,
			);
		} finally {
			emu.setLatency(0, '/call/scheduled/:campaignId');
		}
		assert.equal(posts(SCHEDULE).length, 1);
	});

	it("n8n's retry after Atlas failed (5xx, the outcome unknown) does not schedule again; after a refusal (4xx) it does", async () => {
		emu.setFault({ path: '/campaign/createschedule', method: 'POST', type: '500', count: 1 });
		await assert.rejects(run(schedule()));
		const [retry] = await run(schedule());
		assert.equal(retry.json.skipped, true, 'a 5xx may have scheduled it');
		forgetRecentClaims();
		emu.configure({ rejectedNumbers: '+14155550199' });
		await assert.rejects(run(schedule({ customerPhoneNumber: '+14155550199' })));
		emu.configure({ rejectedNumbers: '' });
		const [again] = await run(schedule({ customerPhoneNumber: '+14155550199' }));
		assert.equal(
			again.json.skipped,
			false,
			'a refused request scheduled nothing: the retry goes through',
		);
	});

	it('skips a number Atlas called within the window, but not a reminder due later', async () => {
		emu.calls.push({
			...emu.calls[0],
			id: 'call_recent',
			customerPhoneNumber: '+14155550123',
			startedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
		});
		const [now] = await run(schedule());
		assert.equal(now.json.skipped, true);
		assert.match(
			String(now.json.reason),
			/was called in this campaign at .* \(within the last 10 minutes\)/,
		);
		assert.equal((now.json.duplicateOf as IDataObject).callId, 'call_recent');

		const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
		const [reminder] = await run(schedule({ when: 'at', scheduledAt: tomorrow }));
		assert.equal(reminder.json.skipped, false);
	});

	it('skips a number already scheduled earlier in the same execution, whatever its spelling', async () => {
		const out = await run(
			schedule({
				customerPhoneNumber: '={{ $json.phone }}',
				scheduleOptions: { skipRecent: false },
			}),
			{
				items: rows(
					{ phone: '(415) 555-0123' },
					{ phone: '+1 415 555 0123' },
					{ phone: '4155550124' },
				),
			},
		);
		assert.deepEqual(
			json(out).map((item) => item.skipped),
			[false, true, false],
		);
		assert.match(String(out[1].json.reason), /already scheduled by item 1 of this execution/);
		assert.equal(posts(SCHEDULE).length, 2);
	});

	it('stops at Max Calls Per Execution with a clear error, also across tool calls of one execution', async () => {
		const items = rows(...[1, 2, 3].map((n) => ({ phone: `+1415555020${n}` })));
		const parameters = schedule({
			customerPhoneNumber: '={{ $json.phone }}',
			scheduleOptions: { maxCalls: 2 },
		});
		const error = await fails(parameters, { items });
		assert.match(
			error.message,
			/Stopped before calling \+14155550203 \(item 3\): this execution already sent 2 call\(s\), the Max Calls Per Execution/,
		);
		assert.match(error.text, /raise Max Calls Per Execution/);
		assert.equal(posts(SCHEDULE).length, 2);

		emu.reset();
		forgetRecentClaims();
		const out = await run(parameters, { items, continueOnFail: true });
		assert.match(String(out[2].json.error), /Max Calls Per Execution/);

		// an AI agent calls the tool once per person, all in one n8n execution
		emu.reset();
		forgetRecentClaims();
		const tool = schedule({ scheduleOptions: { maxCalls: 1 } });
		await run(tool, { executionId: 'exec-agent-1' });
		const second = await fails(
			{ ...tool, customerPhoneNumber: '+14155550999' },
			{ executionId: 'exec-agent-1' },
		);
		assert.match(second.message, /Max Calls Per Execution/);
		assert.equal(posts(SCHEDULE).length, 1);
		// a new execution starts again
		await run({ ...tool, customerPhoneNumber: '+14155550999' }, { executionId: 'exec-agent-2' });
		assert.equal(posts(SCHEDULE).length, 2);
	});

	it('the default cap is 50', async () => {
		const items = rows(
			...Array.from({ length: 51 }, (_, n) => ({ phone: `+1415556${String(n).padStart(4, '0')}` })),
		);
		const out = await run(
			schedule({
				customerPhoneNumber: '={{ $json.phone }}',
				scheduleOptions: { skipRecent: false },
			}),
			{ items, continueOnFail: true },
		);
		assert.equal(out.filter((item) => item.json.error).length, 1);
		assert.match(String(out[50].json.error), /already sent 50 call/);
	});

	it('tries the other spelling of the path once on a 404, and remembers the one that worked', async () => {
		emu.configure({ schedulePath: 'createSchedule' });
		await run(schedule());
		assert.deepEqual(
			emu.requests({ method: 'POST' }).map((request) => [request.path, request.status]),
			[
				['/v1/api/campaign/createschedule', 404],
				['/v1/api/campaign/createSchedule', 201],
			],
		);
		emu.clearRequests();
		await run(schedule({ customerPhoneNumber: '+14155550777' }));
		assert.deepEqual(
			emu.requests({ method: 'POST' }).map((request) => request.path),
			['/v1/api/campaign/createSchedule'],
		);
	});

	it("words Atlas's refusals: not outbound, daily limit, unknown campaign; a 5xx is never sent twice", async () => {
		const inbound = await fails(schedule({ campaign: rl('cmp_support') }));
		assert.match(inbound.message, /Campaign "cmp_support" is not an outbound campaign/);

		emu.configure({ outboundDailyLimit: 1 });
		await run(schedule());
		const limit = await fails(schedule({ customerPhoneNumber: '+14155550999' }));
		assert.match(limit.message, /daily outbound call limit of campaign "cmp_sales" is reached/);
		assert.match(limit.text, /try again tomorrow/);

		emu.configure({ outboundDailyLimit: 0, rejectedNumbers: '+14155550666' });
		const number = await fails(schedule({ customerPhoneNumber: '415-555-0666' }));
		assert.match(number.message, /Atlas rejected the phone number \+14155550666/);
		assert.match(number.text, /customerPhoneNumber must be a valid phone number/);

		const unknown = await fails(schedule({ campaign: rl('cmp_nope') }));
		assert.match(unknown.message, /Campaign "cmp_nope" was not found in Atlas/);

		emu.reset();
		forgetRecentClaims();
		emu.setFault({ path: '/campaign/createschedule', method: 'POST', type: '500' });
		const outage = await fails(schedule());
		assert.match(outage.message, /internal error/);
		assert.equal(posts(SCHEDULE).length, 1, 'a POST is never repeated');
	});
});

describe('Call > Get Scheduled', () => {
	it("lists a campaign's scheduled calls", async () => {
		const at = new Date(Date.now() + 86_400_000).toISOString();
		await run(schedule({ when: 'at', scheduledAt: at }));
		await run(schedule({ customerPhoneNumber: '+14155550124', customerName: 'Sam' }));
		const out = json(
			await run({ resource: 'call', operation: 'getScheduled', campaign: rl('cmp_sales') }),
		);
		assert.deepEqual(
			out.map((item) => [item.sequenceNumber, item.customerPhoneNumber, item.scheduledAt]),
			[
				[1, '+14155550123', at],
				[2, '+14155550124', null],
			],
		);
		assert.equal(out[0].campaignId, 'cmp_sales');
		const limited = await run({
			resource: 'call',
			operation: 'getScheduled',
			campaign: rl('cmp_sales'),
			limit: 1,
		});
		assert.equal(limited.length, 1);
	});
});

describe('Chat > Start SMS Conversation', () => {
	it('texts first and outputs the new sessionId, whatever its casing', async () => {
		const parameters = {
			resource: 'chat',
			operation: 'startSms',
			campaign: rl('cmp_chat'),
			customerPhoneNumber: '(617) 555-0209',
			customerName: 'Nora Quinn',
			message: 'Hi Nora, this is Harbor Realty.',
		};
		const [pascal] = json(await run(parameters));
		assert.match(String(pascal.sessionId), /^chs_/);
		assert.equal(pascal.contact, '+16175550209');
		assert.deepEqual(posts('POST /campaign-chat/:campaignId/sessions/sms/schedule')[0].body, {
			customerPhoneNumber: '+16175550209',
			customerName: 'Nora Quinn',
			customMessage: 'Hi Nora, this is Harbor Realty.',
		});
		emu.configure({ casing: 'camel' });
		const [camel] = json(await run(parameters));
		assert.match(String(camel.sessionId), /^chs_/);
		assert.notEqual(camel.sessionId, pascal.sessionId);

		const voice = await fails({ ...parameters, campaign: rl('cmp_sales') });
		assert.match(voice.message, /not a chat campaign/);
	});
});

describe('Chat > Reply As Human', () => {
	const reply = (over: INodeParameters = {}): INodeParameters => ({
		resource: 'chat',
		operation: 'replyAsHuman',
		campaign: rl('cmp_chat'),
		contact: '(617) 555-0203',
		message: 'Hi Sofia, I am Mark from the office.',
		...over,
	});
	const replies = () => posts('POST /campaign-chat/:campaignId/send-human-response');

	it("by contact: finds the contact's current session itself", async () => {
		const [item] = json(await run(reply()));
		assert.equal(item.sessionId, 'chs_0003');
		assert.equal(item.sent, true);
		assert.equal(item.atlasResponse, 'Response sent');
		assert.deepEqual(replies()[0].body, {
			sessionId: 'chs_0003',
			message: 'Hi Sofia, I am Mark from the office.',
		});

		// a new conversation replaces the old one: the reply follows
		const [started] = json(
			await run({
				resource: 'chat',
				operation: 'startSms',
				campaign: rl('cmp_chat'),
				customerPhoneNumber: '+16175550203',
				message: 'New listing for you',
			}),
		);
		const [next] = json(
			await run(
				reply({
					replyOptions: {
						attachments: 'https://x.test/a.pdf, https://x.test/b.jpg',
						agentId: 'agent_7',
					},
				}),
			),
		);
		assert.equal(next.sessionId, started.sessionId);
		assert.deepEqual((replies()[1].body as IDataObject).attachments, [
			'https://x.test/a.pdf',
			'https://x.test/b.jpg',
		]);
		assert.equal((replies()[1].body as IDataObject).agentId, 'agent_7');
	});

	it('by session id: a stale session gets words saying what is really wrong', async () => {
		await run({
			resource: 'chat',
			operation: 'startSms',
			campaign: rl('cmp_chat'),
			customerPhoneNumber: '+16175550203',
			message: 'New listing for you',
		});
		const stale = await fails(reply({ replyTo: 'sessionId', sessionId: 'chs_0003' }));
		assert.match(stale.message, /Session "chs_0003" is not the contact's current chat session/);
		assert.match(stale.text, /misleading/);
		assert.match(stale.text, /Set Reply To to Contact/);
		assert.doesNotMatch(stale.message, /Human handoff is not enabled/);
	});

	it('an unknown contact fails before anything is sent; Continue On Fail goes on', async () => {
		const error = await fails(reply({ contact: 'nobody@example.com' }));
		assert.match(error.message, /nobody@example.com has no chat session in campaign "cmp_chat"/);
		assert.equal(replies().length, 0);
		const out = await run(reply({ contact: '={{ $json.contact }}' }), {
			items: rows({ contact: 'nobody@example.com' }, { contact: 'daniel.kim@icloud.com' }),
			continueOnFail: true,
		});
		assert.match(String(out[0].json.error), /has no chat session/);
		assert.equal(out[1].json.sessionId, 'chs_0002');
	});
});

describe('Chat > Set Human Hand-off', () => {
	const handoff = (over: INodeParameters = {}): INodeParameters => ({
		resource: 'chat',
		operation: 'setHumanHandoff',
		campaign: rl('cmp_chat'),
		contact: '617-555-0203',
		...over,
	});

	it('sends {enabled} explicitly, on and off, for a phone number or an e-mail', async () => {
		const [on] = json(await run(handoff()));
		assert.deepEqual(on, { campaignId: 'cmp_chat', contact: '+16175550203', humanHandoff: true });
		await run(handoff({ humanHandoff: false, contact: 'Daniel.Kim@icloud.com' }));
		const sent = posts('POST /campaign-chat/:campaignId/contacts/:contact/human-handoff');
		assert.deepEqual(
			sent.map((request) => [request.path, request.body]),
			[
				['/v1/api/campaign-chat/cmp_chat/contacts/%2B16175550203/human-handoff', { enabled: true }],
				[
					'/v1/api/campaign-chat/cmp_chat/contacts/Daniel.Kim%40icloud.com/human-handoff',
					{ enabled: false },
				],
			],
		);
		assert.equal(
			emu.chatSessions.find((s) => s.id === 'chs_0003')?.status,
			'pending_human_response',
		);
	});

	it('an unknown contact is named', async () => {
		const error = await fails(handoff({ contact: '+1 617 555 0000' }));
		assert.match(
			error.message,
			/Contact "\+16175550000" of campaign "cmp_chat" was not found in Atlas/,
		);
	});
});

describe('as an AI-agent tool', () => {
	it('each new operation says what it does and needs', () => {
		const { properties } = new Atlas().description;
		const operations = properties.filter((property) => property.name === 'operation');
		const all = operations.flatMap((property) => property.options ?? []) as Array<{
			value: string;
			action?: string;
			description?: string;
		}>;
		for (const value of [
			'schedule',
			'getScheduled',
			'startSms',
			'replyAsHuman',
			'setHumanHandoff',
		]) {
			const option = all.find((candidate) => candidate.value === value);
			assert.ok(option?.action, `${value} has an action`);
			assert.ok((option?.description ?? '').length > 60, `${value} says what it needs`);
		}
		const scheduleOption = all.find((candidate) => candidate.value === 'schedule');
		assert.match(String(scheduleOption?.description), /real person/);
		assert.match(String(scheduleOption?.description), /50 calls per execution/);
	});
});
