import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { FIELD_ALIASES } from '../atlas/fields';
import { AliasReader } from './aliasReader';
import { orNull, toText, toTime, withOriginal } from './values';

/*
 * Chats: a chat session, a chat message (Chat > Get Sessions, Get Messages) and a delivered
 * Message Received / Message Sent event. The customer of a chat is its `contact` (a phone
 * number, an email or an Apple ID); the text of a message is `message`, as in a call's messages.
 */

const text = z.string().optional();

const messageSchema = z.object({
	messageId: text,
	campaignId: text,
	contact: text,
	customerName: text,
	message: text,
	channel: text,
	role: text,
	receivedAt: text,
	sentAt: text,
	time: text,
});

export type ChatMessage = z.infer<typeof messageSchema>;

const MESSAGE_READER = new AliasReader({
	messageId: FIELD_ALIASES.messageId,
	campaignId: FIELD_ALIASES.campaignId,
	contact: FIELD_ALIASES.contact,
	customerName: FIELD_ALIASES.customerName,
	message: FIELD_ALIASES.message,
	channel: FIELD_ALIASES.channel,
	role: FIELD_ALIASES.role,
	receivedAt: FIELD_ALIASES.receivedAt,
	sentAt: FIELD_ALIASES.sentAt,
	time: FIELD_ALIASES.time,
	sessionId: FIELD_ALIASES.messageSessionId,
});

const TIMES = new Set(['receivedAt', 'sentAt', 'time']);

/** Reads a message from a delivery or a chat message record; every field is optional. */
export function readChatMessage(raw: IDataObject): ChatMessage & { sessionId?: string } {
	const plan = MESSAGE_READER.planFor(raw);
	const projection: Record<string, unknown> = {};
	for (const field of Object.keys(messageSchema.shape)) {
		const value = plan.get(raw, field as keyof ChatMessage);
		projection[field] = TIMES.has(field) ? toTime(value) : toText(value);
	}
	return { ...messageSchema.parse(projection), sessionId: toText(plan.get(raw, 'sessionId')) };
}

/** A delivered message event's own time: when it was received, or sent. */
export function messageTime(event: string, message: ChatMessage): string | undefined {
	const first =
		event === 'message_sent'
			? (message.sentAt ?? message.receivedAt)
			: (message.receivedAt ?? message.sentAt);
	return first ?? message.time;
}

/** Who wrote a delivered message: the customer (received) or the agent (sent). */
export function messageRole(event: string, message: ChatMessage): string {
	return message.role ?? (event === 'message_sent' ? 'assistant' : 'user');
}

/** A chat message record as an item; `sessionId` falls back to the session it was read from. */
export function chatMessageItem(raw: IDataObject, sessionId?: string): IDataObject {
	const message = readChatMessage(raw);
	return withOriginal(
		{
			messageId: orNull(message.messageId),
			sessionId: orNull(message.sessionId ?? sessionId),
			role: orNull(message.role),
			message: orNull(message.message),
			channel: orNull(message.channel),
			time: orNull(message.receivedAt ?? message.sentAt ?? message.time),
		},
		raw,
	);
}

const SESSION_READER = new AliasReader({
	sessionId: FIELD_ALIASES.sessionId,
	campaignId: FIELD_ALIASES.campaignId,
	contact: FIELD_ALIASES.contact,
	customerName: FIELD_ALIASES.customerName,
	channel: FIELD_ALIASES.channel,
	status: FIELD_ALIASES.status,
	title: FIELD_ALIASES.title,
	time: FIELD_ALIASES.time,
});

/** A chat session as an item; `campaignId` falls back to the campaign it was listed for. */
export function chatSessionItem(raw: IDataObject, campaignId?: string): IDataObject {
	const plan = SESSION_READER.planFor(raw);
	const read = (
		field: 'sessionId' | 'campaignId' | 'contact' | 'customerName' | 'channel' | 'status' | 'title',
	) => toText(plan.get(raw, field));
	return withOriginal(
		{
			sessionId: orNull(read('sessionId')),
			campaignId: orNull(read('campaignId') ?? campaignId),
			contact: orNull(read('contact')),
			customerName: orNull(read('customerName')),
			channel: orNull(read('channel')),
			status: orNull(read('status')),
			title: orNull(read('title')),
			time: orNull(toTime(plan.get(raw, 'time'))),
		},
		raw,
	);
}
