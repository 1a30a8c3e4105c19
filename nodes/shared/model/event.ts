import type { IDataObject } from 'n8n-workflow';

import { FIELD_ALIASES } from '../atlas/fields';
import { isCallEvent } from '../atlas/events';
import { AliasReader } from './aliasReader';
import { readCall, writeCallFields } from './call';
import { messageRole, messageTime, readChatMessage } from './chat';
import { isRecord } from './read';
import { orNull, oursOnly, withOriginal } from './values';

/*
 * One delivered event as the item the Atlas Trigger emits, with everything the later steps of a
 * delivery need from it, read in this one pass: its campaign (filtering), its de-dup key and,
 * for calls, its call ID (Fetch Full Call Record, the recording's file name).
 */

/** 'simplified': ours, then Atlas's fields (typeVersion 1); 'ours': ours only (Simplify); 'raw': as sent. */
export type OutputMode = 'simplified' | 'ours' | 'raw';

export type ModelledEvent =
	| { ok: true; item: IDataObject; dedupeKey: string; callId: string | undefined }
	| { ok: false; reason: string };

/** Models one event of a delivery; `ok: false` says in words why it cannot be used. */
export function modelEvent(event: string, raw: unknown, output: OutputMode): ModelledEvent {
	if (!isRecord(raw)) {
		const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`;
		return { ok: false, reason: `Not an event object (got ${got})` };
	}
	return isCallEvent(event)
		? modelCallEvent(event, raw, output)
		: modelMessageEvent(event, raw, output);
}

function modelCallEvent(event: string, raw: IDataObject, output: OutputMode): ModelledEvent {
	const call = readCall(raw);
	if (!call.callId) return { ok: false, reason: 'The call event has no call ID (callId)' };
	const dedupeKey = `${event}|${call.callId}`;
	if (output === 'raw') return { ok: true, item: raw, dedupeKey, callId: call.callId };

	const completed = event === 'call_completed';
	const time = completed ? (call.endedAt ?? call.startedAt) : call.startedAt;
	// a call that has just started has no outcome yet
	const item = writeCallFields({ event, time: orNull(time) }, call, completed);
	return { ok: true, item: remember(item, raw, output), dedupeKey, callId: call.callId };
}

function modelMessageEvent(event: string, raw: IDataObject, output: OutputMode): ModelledEvent {
	const message = readChatMessage(raw);
	const time = messageTime(event, message);
	// A message has no session id [live]: it is known by its campaign, contact and time, plus its
	// own id when Atlas sends one.
	if (!message.messageId && !(message.contact && time)) {
		return {
			ok: false,
			reason: 'The message event has no identity (no message ID, and no contact with a time)',
		};
	}
	const dedupeKey = [
		event,
		message.campaignId ?? '',
		message.contact ?? '',
		time ?? '',
		message.messageId ?? '',
	].join('|');
	if (output === 'raw') return { ok: true, item: raw, dedupeKey, callId: undefined };

	const item: IDataObject = {
		event,
		time: orNull(time),
		campaignId: orNull(message.campaignId),
		contact: orNull(message.contact),
		customerName: orNull(message.customerName),
		messageId: orNull(message.messageId),
		role: messageRole(event, message),
		message: orNull(message.message),
		channel: orNull(message.channel),
	};
	return { ok: true, item: remember(item, raw, output), dedupeKey, callId: undefined };
}

function remember(item: IDataObject, raw: IDataObject, output: OutputMode): IDataObject {
	return output === 'ours' ? oursOnly(item, raw) : withOriginal(item, raw);
}

/** The item for an event that cannot be used, when the user wants to see it. */
export function invalidEventItem(event: string, raw: unknown, reason: string): IDataObject {
	if (isRecord(raw)) return { ...raw, event, error: reason };
	return { event, error: reason, value: raw as IDataObject[keyof IDataObject] };
}

const CAMPAIGN_READER = new AliasReader({ campaignId: FIELD_ALIASES.campaignId });

/** The campaign an event says it belongs to (for filtering `*` deliveries), before modelling it. */
export function eventCampaignId(raw: unknown): string | undefined {
	if (!isRecord(raw)) return undefined;
	const value = CAMPAIGN_READER.planFor(raw).get(raw, 'campaignId');
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
