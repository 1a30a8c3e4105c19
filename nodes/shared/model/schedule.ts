import type { IDataObject } from 'n8n-workflow';

import { FIELD_ALIASES } from '../atlas/fields';
import { foldRecord, isRecord, pick } from './read';
import { orNull, toText, toTime, withOriginal } from './values';

/*
 * Scheduled calls (Call > Schedule's answer, Call > Get Scheduled) and the answers of the chat
 * actions. Atlas's answers to these are known in part only [live: sequenceNumber, the new
 * session's id], so everything is read tolerantly and passed through.
 */

export interface ScheduledCall {
	sequenceNumber?: string | number;
	customerPhoneNumber?: string;
	customerName?: string;
	campaignId?: string;
	status?: string;
	/** When the call is (or was) due. */
	scheduledAt?: string;
	/** When it was scheduled. */
	createdAt?: string;
	callId?: string;
}

export function readScheduledCall(raw: IDataObject): ScheduledCall {
	const folded = foldRecord(raw);
	const read = (field: keyof typeof FIELD_ALIASES) => pick(folded, ...FIELD_ALIASES[field]);
	const sequence = read('sequenceNumber');
	return {
		sequenceNumber: typeof sequence === 'number' ? sequence : toText(sequence),
		customerPhoneNumber: toText(read('customerPhoneNumber')),
		customerName: toText(read('customerName')),
		campaignId: toText(read('campaignId')),
		status: toText(read('status')),
		scheduledAt: toTime(read('scheduledAt')),
		createdAt: toTime(read('createdAt')),
		callId: toText(pick(folded, 'callId')),
	};
}

/** A scheduled call as an item; `campaignId` falls back to the campaign it was listed for. */
export function scheduledCallItem(raw: IDataObject, campaignId: string): IDataObject {
	const call = readScheduledCall(raw);
	return withOriginal(
		{
			sequenceNumber: orNull(call.sequenceNumber),
			campaignId: call.campaignId ?? campaignId,
			customerPhoneNumber: orNull(call.customerPhoneNumber),
			customerName: orNull(call.customerName),
			status: orNull(call.status),
			scheduledAt: orNull(call.scheduledAt),
			createdAt: orNull(call.createdAt),
			callId: orNull(call.callId),
		},
		raw,
	);
}

/** An answer Atlas may give as a record, as text ("Response sent") or as nothing. */
export function answerFields(answer: unknown): IDataObject {
	if (isRecord(answer)) return answer;
	const text = toText(answer);
	return text ? { atlasResponse: text } : {};
}

/** The id of a session Atlas just created: `sessionId`, `SessionId` or `RowKey` [live]. */
export function newSessionId(answer: unknown): string | undefined {
	if (typeof answer === 'string') return answer.trim() || undefined;
	if (!isRecord(answer)) return undefined;
	const direct = toText(pick(foldRecord(answer), ...FIELD_ALIASES.newSessionId));
	if (direct) return direct;
	for (const inner of Object.values(answer)) {
		if (isRecord(inner)) {
			const nested = toText(pick(foldRecord(inner), ...FIELD_ALIASES.newSessionId));
			if (nested) return nested;
		}
	}
	return undefined;
}
