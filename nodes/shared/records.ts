import type { IDataObject } from 'n8n-workflow';

import { FIELD_ALIASES } from './fields';
import { foldRecord, isRecord, pick, pickNumber, pickString } from './read';

/*
 * Atlas records as flat n8n items: the normalized names users map (`id`, `name`, `summary`...)
 * come first and are always present (null when Atlas did not send the field), followed by every
 * field exactly as Atlas sent it, whatever its casing. The aliases live in fields.ts.
 */

type Folded = Map<string, unknown>;

/** Normalized fields first; then every original field the normalized ones did not replace. */
function flatten(normalized: IDataObject, raw: IDataObject): IDataObject {
	// fromEntries and spread define fields, never assign them: a `__proto__` key sent by Atlas
	// stays a plain field instead of changing the item's prototype
	const rest = Object.fromEntries(
		Object.entries(raw).filter(([key]) => !Object.prototype.hasOwnProperty.call(normalized, key)),
	);
	return { ...normalized, ...rest };
}

function orNull<T>(value: T | undefined): T | null {
	return value === undefined ? null : value;
}

/** A date-time as ISO text when Atlas sent something readable, else what it sent. */
function pickTime(folded: Folded, ...names: string[]): string | null {
	const value = pick(folded, ...names);
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) {
		// epoch seconds or milliseconds
		return new Date(value < 1e12 ? value * 1000 : value).toISOString();
	}
	return null;
}

const CAMPAIGN_ID = ['id', 'campaignId', 'RowKey'];

export function normalizeCampaign(raw: IDataObject): IDataObject {
	const folded = foldRecord(raw);
	const id = pickString(folded, ...CAMPAIGN_ID);
	return flatten(
		{
			id: orNull(id),
			name: pickString(folded, ...FIELD_ALIASES.name) ?? orNull(id),
		},
		raw,
	);
}

/** One turn of a call's conversation: `{ role, message, time }` plus its own fields. */
export function normalizeCallTurn(raw: IDataObject): IDataObject {
	const folded = foldRecord(raw);
	return flatten(
		{
			role: orNull(pickString(folded, ...FIELD_ALIASES.role)),
			message: orNull(pickString(folded, ...FIELD_ALIASES.message)),
			time: pickTime(folded, 'time', ...FIELD_ALIASES.time),
		},
		raw,
	);
}

/** The transcript as text: Atlas's own, or written from the conversation turns. */
function transcriptOf(folded: Folded, turns: IDataObject[]): string | null {
	const value = pick(folded, ...FIELD_ALIASES.transcript);
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) {
		const lines = value.map((entry) =>
			isRecord(entry) ? turnLine(normalizeCallTurn(entry)) : String(entry),
		);
		return lines.join('\n');
	}
	if (turns.length === 0) return null;
	return turns.map(turnLine).join('\n');
}

function turnLine(turn: IDataObject): string {
	const role = typeof turn.role === 'string' ? turn.role : 'unknown';
	const text = typeof turn.message === 'string' ? turn.message : '';
	return `${role}: ${text}`;
}

function durationOf(folded: Folded, startedAt: string | null, endedAt: string | null): number | null {
	const seconds = pickNumber(folded, ...FIELD_ALIASES.durationSeconds);
	if (seconds !== undefined) return seconds;
	if (startedAt && endedAt) {
		const ms = Date.parse(endedAt) - Date.parse(startedAt);
		if (Number.isFinite(ms) && ms >= 0) return Math.round(ms / 1000);
	}
	return null;
}

export function normalizeCall(raw: IDataObject): IDataObject {
	const folded = foldRecord(raw);
	const rawTurns = pick(folded, ...FIELD_ALIASES.turns);
	const turns = Array.isArray(rawTurns) ? rawTurns.filter(isRecord).map(normalizeCallTurn) : [];
	const startedAt = pickTime(folded, ...FIELD_ALIASES.startedAt);
	const endedAt = pickTime(folded, ...FIELD_ALIASES.endedAt);
	return flatten(
		{
			id: orNull(pickString(folded, ...FIELD_ALIASES.callId)),
			campaignId: orNull(pickString(folded, ...FIELD_ALIASES.campaignId)),
			customerNumber: orNull(pickString(folded, ...FIELD_ALIASES.customerNumber)),
			customerName: orNull(pickString(folded, ...FIELD_ALIASES.customerName)),
			direction: orNull(pickString(folded, ...FIELD_ALIASES.direction)),
			status: orNull(pickString(folded, ...FIELD_ALIASES.status)),
			endedReason: orNull(pickString(folded, ...FIELD_ALIASES.endedReason)),
			successResult: orNull(pickString(folded, ...FIELD_ALIASES.successResult)),
			summary: orNull(pickString(folded, ...FIELD_ALIASES.summary)),
			transcript: transcriptOf(folded, turns),
			messages: turns,
			recordingUrl: orNull(pickString(folded, ...FIELD_ALIASES.recordingUrl)),
			durationSeconds: durationOf(folded, startedAt, endedAt),
			startedAt,
			endedAt,
		},
		raw,
	);
}

/** A chat session; `campaignId` falls back to the campaign it was listed for. */
export function normalizeChatSession(raw: IDataObject, campaignId?: string): IDataObject {
	const folded = foldRecord(raw);
	return flatten(
		{
			id: orNull(pickString(folded, ...FIELD_ALIASES.sessionId)),
			campaignId: pickString(folded, ...FIELD_ALIASES.campaignId) ?? orNull(campaignId),
			customerNumber: orNull(pickString(folded, ...FIELD_ALIASES.customerNumber)),
			customerName: orNull(pickString(folded, ...FIELD_ALIASES.customerName)),
			channel: orNull(pickString(folded, ...FIELD_ALIASES.channel)),
			status: orNull(pickString(folded, ...FIELD_ALIASES.status)),
			time: pickTime(folded, ...FIELD_ALIASES.time),
		},
		raw,
	);
}

/** A chat message; `sessionId` falls back to the session it was read from. */
export function normalizeChatMessage(raw: IDataObject, sessionId?: string): IDataObject {
	const folded = foldRecord(raw);
	return flatten(
		{
			id: orNull(pickString(folded, ...FIELD_ALIASES.messageId)),
			sessionId: pickString(folded, 'sessionId', 'chatSessionId') ?? orNull(sessionId),
			role: orNull(pickString(folded, ...FIELD_ALIASES.role)),
			message: orNull(pickString(folded, ...FIELD_ALIASES.message)),
			channel: orNull(pickString(folded, ...FIELD_ALIASES.channel)),
			time: pickTime(folded, ...FIELD_ALIASES.receivedAt, ...FIELD_ALIASES.sentAt, ...FIELD_ALIASES.time),
		},
		raw,
	);
}

/** Digits of a phone number ("+1 (555) 010-0001" → "15550100001"); lower-cased text otherwise. */
export function contactKey(value: string): string {
	const trimmed = value.trim();
	if (/^\+?[\d\s().-]+$/.test(trimmed)) return trimmed.replace(/\D/g, '');
	return trimmed.toLowerCase();
}
