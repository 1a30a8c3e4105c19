import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { AtlasEvent, FieldName } from './fields';
import { FIELD_ALIASES } from './fields';
import { AliasReader, type ReadPlan } from './aliasReader';
import { isRecord } from './read';

/*
 * Turns one delivered Atlas event into an item users can map without knowing Atlas's casing.
 * The payload's key names are mostly guesses (see fields.ts), so the schemas read a
 * projection of the event onto our canonical names, found whatever the casing; unknown
 * fields are never rejected, and the original fields stay on the item.
 */

/*
 * Tolerant reading is two steps. Plain functions coerce what the payload holds (text-like
 * scalars to trimmed strings, numbers and numeric strings to numbers, anything else to
 * absent), then zod checks the result against the schema of the projection.
 * Speed (this is the hot path of every delivery, see BENCHMARKS.md): the coercions used to be
 * zod transforms, one per field, which cost ~5x a plain type check; and zod's v4 API (the
 * `zod/v4` subpath of the zod 3.25 that both n8n lines ship) checks an object with a fraction
 * of the allocations of the v3 API: in the handler benchmark 35 -> 10 µs per call event.
 */

/** Text-like scalars as strings; anything else (objects, arrays, NaN) is treated as absent. */
function toText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value))) return String(value).trim();
	return undefined;
}

/** Numbers and numeric strings as a finite number; anything else is treated as absent. */
function toSeconds(value: unknown): number | undefined {
	if ((typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'string') {
		const n = Number(value);
		return Number.isFinite(n) ? n : undefined;
	}
	return undefined;
}

/** The fields read as numbers; every other projected field is read as text. */
const NUMERIC_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>(['durationSeconds']);

const text = z.string().optional();

interface Turn {
	role: string;
	text: string;
	time?: string;
}

const commonShape = {
	campaignId: text,
	customerNumber: text,
	customerName: text,
};

const callSchema = z.object({
	...commonShape,
	callId: text,
	direction: text,
	startedAt: text,
	endedAt: text,
	summary: text,
	transcript: text,
	// built by projectTurns, so already well-formed: checking each of hundreds of turns again
	// with zod would cost more than the rest of the event
	turns: z.custom<Turn[] | undefined>((value) => value === undefined || Array.isArray(value)),
	recordingUrl: text,
	status: text,
	endedReason: text,
	durationSeconds: z.number().optional(),
	successResult: text,
});

const messageSchema = z.object({
	...commonShape,
	messageId: text,
	message: text,
	channel: text,
	receivedAt: text,
	sentAt: text,
	time: text,
});

type Projection = Record<string, unknown>;

const TURN_READER = new AliasReader({
	role: FIELD_ALIASES.role,
	text: ['message', 'text', 'content', 'body'],
	time: ['time', 'timestamp', 'createdAt', 'secondsFromStart'],
});

/** The conversation as `{role, text, time?}` turns (role 'unknown' and text '' when absent). */
function projectTurns(value: unknown): Turn[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const turns: Turn[] = [];
	for (const raw of value) {
		if (!isRecord(raw)) continue;
		const plan = TURN_READER.planFor(raw);
		const time = toText(plan.get(raw, 'time'));
		const turn: Turn = {
			role: toText(plan.get(raw, 'role')) ?? 'unknown',
			text: toText(plan.get(raw, 'text')) ?? '',
		};
		if (time) turn.time = time;
		turns.push(turn);
	}
	return turns;
}

const CALL_FIELDS = [
	'campaignId',
	'customerNumber',
	'customerName',
	'callId',
	'direction',
	'startedAt',
	'endedAt',
	'summary',
	'transcript',
	'recordingUrl',
	'status',
	'endedReason',
	'durationSeconds',
	'successResult',
] as const;

const MESSAGE_FIELDS = [
	'campaignId',
	'customerNumber',
	'customerName',
	'messageId',
	'message',
	'channel',
	'receivedAt',
	'sentAt',
	'time',
] as const;

// plans cover every field of fields.ts; planning is once per shape of event
const EVENT_READER = new AliasReader(FIELD_ALIASES);
type EventPlan = ReadPlan<FieldName>;

function project(raw: IDataObject, plan: EventPlan, fields: readonly FieldName[]): Projection {
	const out: Projection = {};
	for (const field of fields) {
		const value = plan.get(raw, field);
		out[field] = NUMERIC_FIELDS.has(field) ? toSeconds(value) : toText(value);
	}
	return out;
}

export function isCallEvent(event: string): boolean {
	return event.startsWith('call_');
}

export type NormalizedEvent =
	| { ok: true; item: IDataObject; dedupeKey: string | undefined }
	| { ok: false; reason: string };

export type OutputMode = 'simplified' | 'raw';

/** Normalises one event of a delivery; `ok: false` says in words why it cannot be used. */
export function normalizeEvent(event: AtlasEvent | string, raw: unknown, output: OutputMode): NormalizedEvent {
	if (!isRecord(raw)) {
		const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`;
		return { ok: false, reason: `Not an event object (got ${got})` };
	}
	const plan = EVENT_READER.planFor(raw);
	return isCallEvent(event) ? normalizeCall(event, raw, plan, output) : normalizeMessage(event, raw, plan, output);
}

function normalizeCall(event: string, raw: IDataObject, plan: EventPlan, output: OutputMode): NormalizedEvent {
	const projection = project(raw, plan, CALL_FIELDS);
	// a transcript may come as text or as a list of turns
	projection.turns = projectTurns(plan.get(raw, 'turns') ?? plan.get(raw, 'transcript'));
	const call = callSchema.parse(projection);
	if (!call.callId) return { ok: false, reason: 'The call event has no call ID (callId)' };

	const dedupeKey = `${event}|${call.callId}`;
	if (output === 'raw') return { ok: true, item: raw, dedupeKey };

	const normalized: IDataObject = {
		event,
		campaignId: call.campaignId ?? null,
		callId: call.callId,
		customerNumber: call.customerNumber ?? null,
		customerName: call.customerName ?? null,
		direction: call.direction ?? null,
		time: (event === 'call_completed' ? call.endedAt ?? call.startedAt : call.startedAt) ?? null,
		startedAt: call.startedAt ?? null,
	};
	if (event === 'call_completed') {
		Object.assign(normalized, {
			endedAt: call.endedAt ?? null,
			summary: call.summary ?? null,
			transcript: call.transcript ?? transcriptFromTurns(call.turns) ?? null,
			turns: call.turns ?? [],
			recordingUrl: call.recordingUrl ?? null,
			status: call.status ?? null,
			endedReason: call.endedReason ?? null,
			durationSeconds: call.durationSeconds ?? null,
			successResult: call.successResult ?? null,
		});
	}
	return { ok: true, item: withOriginal(normalized, raw), dedupeKey };
}

function normalizeMessage(event: string, raw: IDataObject, plan: EventPlan, output: OutputMode): NormalizedEvent {
	const msg = messageSchema.parse(project(raw, plan, MESSAGE_FIELDS));
	const time = (event === 'message_sent' ? msg.sentAt ?? msg.receivedAt : msg.receivedAt ?? msg.sentAt) ?? msg.time;
	// A message has no session id [live]: it is known by its campaign, customer and time,
	// plus its own id when Atlas sends one.
	if (!msg.messageId && !(msg.customerNumber && time)) {
		return {
			ok: false,
			reason: 'The message event has no identity (no message ID, and no customer number with a time)',
		};
	}
	const dedupeKey = [event, msg.campaignId ?? '', msg.customerNumber ?? '', time ?? '', msg.messageId ?? ''].join('|');
	if (output === 'raw') return { ok: true, item: raw, dedupeKey };

	const normalized: IDataObject = {
		event,
		campaignId: msg.campaignId ?? null,
		customerNumber: msg.customerNumber ?? null,
		customerName: msg.customerName ?? null,
		time: time ?? null,
		message: msg.message ?? null,
		messageId: msg.messageId ?? null,
		channel: msg.channel ?? null,
	};
	return { ok: true, item: withOriginal(normalized, raw), dedupeKey };
}

/** Normalised fields first, then every original field they do not already name. */
function withOriginal(normalized: IDataObject, raw: IDataObject): IDataObject {
	// fromEntries and spread define fields, never assign them: a `__proto__` key in the
	// payload stays a plain field instead of changing the item's prototype
	const rest = Object.fromEntries(
		Object.entries(raw).filter(([key]) => !Object.prototype.hasOwnProperty.call(normalized, key)),
	);
	return { ...normalized, ...rest };
}

function transcriptFromTurns(turns: Array<{ role: string; text: string }> | undefined): string | undefined {
	if (!turns || turns.length === 0) return undefined;
	return turns.map((t) => `${t.role}: ${t.text}`).join('\n');
}

/** The item for an event that cannot be used, when the user wants to see it. */
export function invalidEventItem(event: string, raw: unknown, reason: string): IDataObject {
	if (isRecord(raw)) return { ...raw, event, error: reason };
	return { event, error: reason, value: raw as IDataObject[keyof IDataObject] };
}

/** The campaign an event belongs to, when it says so (for filtering `*` deliveries). */
export function eventCampaignId(raw: unknown): string | undefined {
	if (!isRecord(raw)) return undefined;
	const value = EVENT_READER.planFor(raw).get(raw, 'campaignId');
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
