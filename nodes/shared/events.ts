import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { AtlasEvent } from './fields';
import { FIELD_ALIASES } from './fields';
import { foldKey, isRecord } from './read';

/*
 * Turns one delivered Atlas event into an item users can map without knowing Atlas's casing.
 * The payload's key names are mostly guesses (see fields.ts), so the schemas read a
 * projection of the event onto our canonical names, found whatever the casing; unknown
 * fields are never rejected, and the original fields stay on the item.
 */

/*
 * Speed: a call_completed event carries hundreds of turns, and zod's union / transform /
 * catch machinery allocates several objects per value, which made normalising an event cost
 * ~20x its JSON.parse. The coercions below are plain functions with exactly the rules the
 * zod schemas had (`z.union([z.string(), z.number(), z.boolean()]).transform(trim)
 * .optional().catch(undefined)` and friends); the schemas keep them as one transform per field.
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

const text = z.any().transform(toText);

const seconds = z.any().transform(toSeconds);

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
	turns: z.custom<Turn[] | undefined>(),
	recordingUrl: text,
	status: text,
	endedReason: text,
	durationSeconds: seconds,
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

/*
 * Field lookup whatever the casing, as read.ts's foldRecord + pick do, but with the alias names
 * folded once at load and the (few, repeating) key spellings of payloads folded once per
 * process: a call_completed event has hundreds of turns with the same three keys, and folding
 * them with a regular expression for every turn and every alias was most of the work left.
 */
const FOLDED_KEYS = new Map<string, string>();
const FOLDED_KEYS_MAX = 2_000; // payload keys are not ours to bound; past this, fold every time

function foldCached(key: string): string {
	let folded = FOLDED_KEYS.get(key);
	if (folded === undefined) {
		folded = foldKey(key);
		if (FOLDED_KEYS.size < FOLDED_KEYS_MAX) FOLDED_KEYS.set(key, folded);
	}
	return folded;
}

/** read.ts foldRecord: the first spelling of a folded key wins. */
function fold(record: IDataObject): Map<string, unknown> {
	const folded = new Map<string, unknown>();
	for (const key of Object.keys(record)) {
		const foldedKey = foldCached(key);
		if (!folded.has(foldedKey)) folded.set(foldedKey, record[key]);
	}
	return folded;
}

/** read.ts pick, with `names` already folded. */
function pickFolded(folded: Map<string, unknown>, names: readonly string[]): unknown {
	for (const name of names) {
		const value = folded.get(name);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

const ALIASES = Object.fromEntries(
	Object.entries(FIELD_ALIASES).map(([field, names]) => [field, (names as readonly string[]).map(foldKey)]),
) as Record<keyof typeof FIELD_ALIASES, string[]>;
const TURN_TEXT = ['message', 'text', 'content', 'body'].map(foldKey);
const TURN_TIME = ['time', 'timestamp', 'createdAt', 'secondsFromStart'].map(foldKey);

function project(folded: Map<string, unknown>, fields: readonly (keyof typeof FIELD_ALIASES)[]): Projection {
	const out: Projection = {};
	for (const field of fields) out[field] = pickFolded(folded, ALIASES[field]);
	return out;
}

/** The conversation as `{role, text, time?}` turns (role 'unknown' and text '' when absent). */
function projectTurns(value: unknown): Turn[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const turns: Turn[] = [];
	for (const raw of value) {
		if (!isRecord(raw)) continue;
		const folded = fold(raw);
		const time = toText(pickFolded(folded, TURN_TIME));
		const turn: Turn = {
			role: toText(pickFolded(folded, ALIASES.role)) ?? 'unknown',
			text: toText(pickFolded(folded, TURN_TEXT)) ?? '',
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
	const folded = fold(raw);
	return isCallEvent(event)
		? normalizeCall(event, raw, folded, output)
		: normalizeMessage(event, raw, folded, output);
}

function normalizeCall(event: string, raw: IDataObject, folded: Map<string, unknown>, output: OutputMode): NormalizedEvent {
	const projection = project(folded, CALL_FIELDS);
	const transcript = pickFolded(folded, ALIASES.transcript);
	// a transcript may come as text or as a list of turns
	projection.turns = projectTurns(pickFolded(folded, ALIASES.turns) ?? transcript);
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

function normalizeMessage(event: string, raw: IDataObject, folded: Map<string, unknown>, output: OutputMode): NormalizedEvent {
	const msg = messageSchema.parse(project(folded, MESSAGE_FIELDS));
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
	const value = pickFolded(fold(raw), ALIASES.campaignId);
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
