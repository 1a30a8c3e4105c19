import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { FIELD_ALIASES } from '../atlas/fields';
import { AliasReader } from './aliasReader';
import { isRecord } from './read';
import { orNull, toNumber, toText, toTime, withOriginal } from './values';

/*
 * One call, whichever way it reaches us: a Call Started / Call Completed delivery, a call record
 * (Call > Get, Get Many, Get Many Since Last Run) or the trigger's Fetch Full Call Record. Every
 * node emits the same names for it (README, "Items").
 *
 * Speed: this runs for every delivered call event, with hundreds of conversation messages. Keys
 * are found through plans made once per shape of record (aliasReader.ts), and zod's v4 API
 * (the `zod/v4` subpath of the zod 3.25 both n8n lines ship) checks the result cheaply.
 */

const text = z.string().optional();

const callSchema = z.object({
	callId: text,
	campaignId: text,
	customerPhoneNumber: text,
	customerName: text,
	direction: text,
	status: text,
	startedAt: text,
	endedAt: text,
	durationSeconds: z.number().optional(),
	summary: text,
	transcript: text,
	recordingUrl: text,
	endedReason: text,
	successResult: text,
});

export type Call = z.infer<typeof callSchema> & {
	/** The conversation, oldest first; undefined when Atlas sent none. */
	messages: IDataObject[] | undefined;
};

const TEXT_FIELDS = [
	'callId',
	'campaignId',
	'customerPhoneNumber',
	'customerName',
	'direction',
	'status',
	'summary',
	'recordingUrl',
	'endedReason',
	'successResult',
] as const;

const CALL_READER = new AliasReader({
	...pickAliases(TEXT_FIELDS),
	startedAt: FIELD_ALIASES.startedAt,
	endedAt: FIELD_ALIASES.endedAt,
	durationSeconds: FIELD_ALIASES.durationSeconds,
	transcript: FIELD_ALIASES.transcript,
	turns: FIELD_ALIASES.turns,
});

const MESSAGE_READER = new AliasReader({
	role: FIELD_ALIASES.role,
	message: FIELD_ALIASES.message,
	time: FIELD_ALIASES.turnTime,
});

function pickAliases<F extends keyof typeof FIELD_ALIASES>(
	fields: readonly F[],
): Record<F, readonly string[]> {
	return Object.fromEntries(
		fields.map((field) => [field, FIELD_ALIASES[field]]),
	) as unknown as Record<F, readonly string[]>;
}

const MESSAGE_FIELDS = new Set(['role', 'message', 'time']);

/** One message of a call's conversation: `{ role, message, time }`, then its own fields. */
export function callMessage(raw: IDataObject): IDataObject {
	const plan = MESSAGE_READER.planFor(raw);
	const message: IDataObject = {
		role: orNull(toText(plan.get(raw, 'role'))),
		message: orNull(toText(plan.get(raw, 'message'))),
		time: orNull(toTime(plan.get(raw, 'time'))),
	};
	// per shape: whether it has keys other than ours; a message of our own shape copies nothing
	if (plan.memo === undefined) plan.memo = plan.keys.some((key) => !MESSAGE_FIELDS.has(key));
	return plan.memo === true ? withOriginal(message, raw) : message;
}

function messagesOf(value: unknown): IDataObject[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const messages: IDataObject[] = [];
	for (const entry of value) if (isRecord(entry)) messages.push(callMessage(entry));
	return messages;
}

/** The conversation as text lines, `role: message`. */
function transcriptOf(messages: IDataObject[] | undefined): string | undefined {
	if (!messages || messages.length === 0) return undefined;
	return messages
		.map(
			(m) =>
				`${typeof m.role === 'string' ? m.role : 'unknown'}: ${typeof m.message === 'string' ? m.message : ''}`,
		)
		.join('\n');
}

function durationOf(
	startedAt: string | undefined,
	endedAt: string | undefined,
): number | undefined {
	if (!startedAt || !endedAt) return undefined;
	const ms = Date.parse(endedAt) - Date.parse(startedAt);
	return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 1000) : undefined;
}

/** Reads a call from any of Atlas's shapes of it; every field is optional. */
export function readCall(raw: IDataObject): Call {
	const plan = CALL_READER.planFor(raw);
	const projection: Record<string, unknown> = {};
	for (const field of TEXT_FIELDS) projection[field] = toText(plan.get(raw, field));
	const startedAt = toTime(plan.get(raw, 'startedAt'));
	const endedAt = toTime(plan.get(raw, 'endedAt'));
	projection.startedAt = startedAt;
	projection.endedAt = endedAt;
	projection.durationSeconds =
		toNumber(plan.get(raw, 'durationSeconds')) ?? durationOf(startedAt, endedAt);
	// the conversation may come as a list of messages, or as the transcript itself
	const transcript = plan.get(raw, 'transcript');
	const messages = messagesOf(plan.get(raw, 'turns')) ?? messagesOf(transcript);
	projection.transcript =
		(typeof transcript === 'string' ? transcript.trim() : undefined) ?? transcriptOf(messages);
	return { ...callSchema.parse(projection), messages };
}

/**
 * The call's fields, onto `item`: who, which campaign and when (all a Call Started item has),
 * then with `outcome` what a call that has ended adds. Written in place: this runs per event.
 */
export function writeCallFields(item: IDataObject, call: Call, outcome: boolean): IDataObject {
	item.callId = orNull(call.callId);
	item.campaignId = orNull(call.campaignId);
	item.customerPhoneNumber = orNull(call.customerPhoneNumber);
	item.customerName = orNull(call.customerName);
	item.direction = orNull(call.direction);
	item.startedAt = orNull(call.startedAt);
	if (!outcome) return item;
	item.endedAt = orNull(call.endedAt);
	item.durationSeconds = orNull(call.durationSeconds);
	item.status = orNull(call.status);
	item.endedReason = orNull(call.endedReason);
	item.successResult = orNull(call.successResult);
	item.summary = orNull(call.summary);
	item.transcript = orNull(call.transcript);
	item.messages = call.messages ?? [];
	item.recordingUrl = orNull(call.recordingUrl);
	return item;
}

/** A call record as an item: every call field, then Atlas's own fields. */
export function callItem(raw: IDataObject, fallbackCallId?: string): IDataObject {
	const call = readCall(raw);
	if (call.callId === undefined && fallbackCallId) call.callId = fallbackCallId;
	return withOriginal(writeCallFields({}, call, true), raw);
}
