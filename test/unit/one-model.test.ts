// One model of a call, a chat message, a session and a campaign: whichever way Atlas hands it
// over (a delivered event, a record of the REST API, camelCase or PascalCase), every node emits
// the same names for the same things. Pure functions: no server, no engine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { callItem } from '../../nodes/shared/model/call';
import { campaignItem } from '../../nodes/shared/model/campaign';
import { chatMessageItem, chatSessionItem } from '../../nodes/shared/model/chat';
import { modelEvent } from '../../nodes/shared/model/event';
import { toList } from '../../nodes/shared/model/read';
import { subscriptionItem } from '../../nodes/shared/model/subscription';

const CALL_FIELDS = [
	'callId',
	'campaignId',
	'customerPhoneNumber',
	'customerName',
	'direction',
	'startedAt',
	'endedAt',
	'durationSeconds',
	'status',
	'endedReason',
	'successResult',
	'summary',
	'transcript',
	'recordingUrl',
];

const conversation = [
	{
		role: 'assistant',
		message: 'Thanks for calling, this is Ava.',
		time: '2025-06-01T10:00:01.000Z',
	},
	{ role: 'user', message: 'I would like a quote.', time: '2025-06-01T10:00:05.000Z' },
];

/** A call as the Atlas Trigger receives it (camelCase, as the docs show). */
const delivered: IDataObject = {
	callId: 'call_1',
	campaignId: 'cmp_sales',
	customerPhoneNumber: '+14155550141',
	customerName: 'Grace Thompson',
	direction: 'outbound',
	startedAt: '2025-06-01T10:00:00.000Z',
	endedAt: '2025-06-01T10:02:05.000Z',
	durationSeconds: 125,
	status: 'completed',
	endedReason: 'customer-ended-call',
	successResult: 'success',
	summary: 'Grace asked for a quote.',
	transcript: 'AI: Thanks for calling, this is Ava.\nUser: I would like a quote.',
	recordingUrl: 'https://recordings.example.com/call_1.mp3',
	messages: conversation,
};

/** The same call as GET /call answers it: an Azure-table row, PascalCase [live]. */
const recorded: IDataObject = {
	RowKey: 'call_1',
	CampaignId: 'cmp_sales',
	CustomerPhoneNumber: '+14155550141',
	CustomerName: 'Grace Thompson',
	Direction: 'outbound',
	StartedAt: '2025-06-01T10:00:00.000Z',
	EndedAt: '2025-06-01T10:02:05.000Z',
	Status: 'completed',
	EndedReason: 'customer-ended-call',
	SuccessResult: 'success',
	Summary: 'Grace asked for a quote.',
	Transcript: 'AI: Thanks for calling, this is Ava.\nUser: I would like a quote.',
	RecordingUrl: 'https://recordings.example.com/call_1.mp3',
	Messages: conversation.map((m) => ({ Role: m.role, Message: m.message, Time: m.time })),
};

const pick = (item: IDataObject, keys: string[]) =>
	Object.fromEntries(keys.map((k) => [k, item[k]]));
const ourMessages = (item: IDataObject) =>
	(item.messages as IDataObject[]).map(({ role, message, time }) => ({ role, message, time }));

describe('one model: a call', () => {
	it('has the same names and values from the trigger and from a call record', () => {
		const event = modelEvent('call_completed', delivered, 'simplified');
		assert.ok(event.ok);
		const record = callItem(recorded);
		assert.deepEqual(pick(record, CALL_FIELDS), pick(event.item, CALL_FIELDS));
		assert.deepEqual(ourMessages(record), conversation);
		assert.deepEqual(ourMessages(event.item), conversation);
		assert.equal(
			record.durationSeconds,
			125,
			'computed from start and end when Atlas does not say',
		);
		// the trigger adds what only a delivery has
		assert.equal(event.item.event, 'call_completed');
		assert.equal(event.item.time, delivered.endedAt);
		assert.equal(event.callId, 'call_1');
		assert.equal(event.dedupeKey, 'call_completed|call_1');
	});

	it('no longer uses the old names (turns, id, customerNumber)', () => {
		const event = modelEvent('call_completed', delivered, 'simplified');
		assert.ok(event.ok);
		for (const item of [event.item, callItem(recorded)]) {
			assert.equal(item.turns, undefined);
			assert.equal(item.id, undefined);
			assert.equal(item.customerNumber, undefined);
		}
	});

	it('a call that has just started has who and when, no outcome', () => {
		const event = modelEvent(
			'call_started',
			{ callId: 'c2', campaignId: 'cmp', startedAt: '2025-06-01T11:00:00Z' },
			'simplified',
		);
		assert.ok(event.ok);
		assert.deepEqual(Object.keys(event.item), [
			'event',
			'time',
			'callId',
			'campaignId',
			'customerPhoneNumber',
			'customerName',
			'direction',
			'startedAt',
		]);
	});

	it('reads records wrapped in { value: [...] } with camelCase rowKey ids [live]', () => {
		const list = toList({
			value: [
				{ rowKey: 'call_a', campaignId: 'cmp_sales' },
				{ rowKey: 'call_b', campaignId: 'cmp_sales' },
			],
		});
		assert.deepEqual(
			list.map((raw) => callItem(raw).callId),
			['call_a', 'call_b'],
		);
	});

	it("reads epoch times as ISO text, a transcript given as a list as messages, and keeps Atlas's own fields", () => {
		const item = callItem({
			id: 'c3',
			startTime: 1_748_772_000,
			endTime: 1_748_772_060_000,
			transcript: conversation,
			extra: 1,
		});
		assert.equal(item.startedAt, '2025-06-01T10:00:00.000Z');
		assert.equal(item.endedAt, '2025-06-01T10:01:00.000Z');
		assert.equal(item.durationSeconds, 60);
		assert.deepEqual(ourMessages(item), conversation);
		assert.equal(
			item.transcript,
			'assistant: Thanks for calling, this is Ava.\nuser: I would like a quote.',
		);
		assert.equal(item.extra, 1);
	});

	it('keeps a __proto__ key as a plain field', () => {
		const raw = JSON.parse('{"callId":"c4","__proto__":{"polluted":true}}') as IDataObject;
		const item = callItem(raw);
		assert.equal(Object.getPrototypeOf(item), Object.prototype);
		assert.equal((item as { polluted?: boolean }).polluted, undefined);
		assert.deepEqual(Object.getOwnPropertyDescriptor(item, '__proto__')?.value, { polluted: true });
	});
});

describe('one model: chats', () => {
	it('a delivered message and a chat message record share role, message, messageId, channel and time', () => {
		const event = modelEvent(
			'message_received',
			{
				campaignId: 'cmp_chat',
				customerNumber: '+16175550145',
				message: 'Still available?',
				messageId: 'm1',
				channel: 'sms',
				receivedAt: '2025-06-01T12:00:00Z',
			},
			'simplified',
		);
		assert.ok(event.ok);
		const record = chatMessageItem(
			{
				RowKey: 'm1',
				Role: 'user',
				Content: 'Still available?',
				Channel: 'sms',
				CreatedAt: '2025-06-01T12:00:00Z',
			},
			's1',
		);
		const SHARED = ['messageId', 'role', 'message', 'channel', 'time'];
		assert.deepEqual(pick(event.item, SHARED), pick(record, SHARED));
		assert.equal(event.item.contact, '+16175550145');
		assert.equal(record.sessionId, 's1');
		const sent = modelEvent(
			'message_sent',
			{ campaignId: 'c', customerNumber: '+1', message: 'Yes', sentAt: '2025-06-01T12:01:00Z' },
			'simplified',
		);
		assert.ok(sent.ok);
		assert.equal(sent.item.role, 'assistant');
	});

	it('a session: sessionId falls back to AIProviderSessionId, the title is read as Tittle or Title [live]', () => {
		const a = chatSessionItem(
			{
				AIProviderSessionId: 'ai_9',
				ContactIdentification: 'name@example.com',
				Tittle: 'Viewing request',
				Status: 'active',
			},
			'cmp_chat',
		);
		assert.equal(a.sessionId, 'ai_9');
		assert.equal(a.title, 'Viewing request');
		assert.equal(a.contact, 'name@example.com');
		assert.equal(a.campaignId, 'cmp_chat');
		const b = chatSessionItem({ RowKey: 's2', AIProviderSessionId: 'ai_2', Title: 'Other' });
		assert.equal(b.sessionId, 's2', "the session's own id first");
		assert.equal(b.title, 'Other');
	});
});

describe('one model: campaigns and subscriptions', () => {
	it('every id is <thing>Id', () => {
		assert.deepEqual(
			pick(campaignItem({ RowKey: 'cmp_1', BusinessName: 'Sunbeam' }), ['campaignId', 'name']),
			{ campaignId: 'cmp_1', name: 'Sunbeam' },
		);
		assert.deepEqual(pick(campaignItem({ id: 'cmp_2' }), ['campaignId', 'name']), {
			campaignId: 'cmp_2',
			name: 'cmp_2',
		});
		const sub = subscriptionItem({
			RowKey: 'sub_1',
			HookUrl: 'https://x.example/h',
			CampaignId: '*',
			TriggerName: 'call_started',
		});
		assert.deepEqual(
			pick(sub, ['subscriptionId', 'hookUrl', 'campaignId', 'triggerName', 'provider']),
			{
				subscriptionId: 'sub_1',
				hookUrl: 'https://x.example/h',
				campaignId: '*',
				triggerName: 'call_started',
				provider: 'custom',
			},
		);
	});
});
