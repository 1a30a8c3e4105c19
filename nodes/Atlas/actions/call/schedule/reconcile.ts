import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ScheduleCallBody } from '../../../../shared/api/calls';
import { fetchCalls, fetchScheduledCalls, scheduleCall } from '../../../../shared/api/calls';
import { readCall } from '../../../../shared/model/call';
import { contactKey } from '../../../../shared/model/contact';
import { readScheduledCall } from '../../../../shared/model/schedule';
import type { AtlasRequest } from '../../../../shared/transport/request';
import { errorText } from '../../../../shared/util/errors';
import type { ScheduleLedger } from '../../operation';

/*
 * A schedule request that got no answer (Atlas dropped the connection, a timeout) may or may
 * not have scheduled the call. Instead of guessing, Atlas's scheduled calls are read back: the
 * call found there is this request's; only when it is not there is the request sent again
 * (bounded, with a growing wait). So a lead is neither lost nor called twice. A refusal (4xx)
 * and an internal error (5xx) are answers, not dropped connections: they are not reconciled.
 * [guess] a scheduled call lists its number and when it was created; one due "now" may already
 * have become a call record, so those are read too.
 */

/** Waits before reading back after the 1st, 2nd, 3rd unanswered request; then it gives up. */
export const LOOK_WAITS_MS = [500, 1_500, 3_000];
/** A scheduled call created this long before the request still counts (clocks differ). */
const CREATED_SLACK_MS = 60_000;

const ownSequences = new WeakMap<ScheduleLedger, Set<string>>();
const notScheduled = new WeakSet<object>();

function owned(ledger: ScheduleLedger): Set<string> {
	let set = ownSequences.get(ledger);
	if (!set) ownSequences.set(ledger, (set = new Set()));
	return set;
}

/** Records a sequence number this execution got, so no other lead mistakes it for its own. */
export function rememberSequence(ledger: ScheduleLedger, sequence: unknown): void {
	if (sequence !== undefined && sequence !== null) owned(ledger).add(String(sequence));
}

/** True when nothing was scheduled: Atlas refused (4xx), or its list showed no such call. */
export function nothingScheduled(error: unknown): boolean {
	const code = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	if (error instanceof NodeApiError && code >= 400 && code < 500) return true;
	return typeof error === 'object' && error !== null && notScheduled.has(error);
}

export interface ScheduleOutcome {
	answer: unknown;
	/** Requests sent for this lead. */
	attempts: number;
	/** Set when the call was found in Atlas's lists after a request went unanswered. */
	recovered?: string;
	/** The found scheduled call's sequence number (an answer's is read by the caller). */
	sequenceNumber?: string | number;
}

/** What an item shows of how its call got scheduled: only when it took more than one request. */
export function outcomeFields(outcome: ScheduleOutcome): IDataObject {
	if (outcome.recovered) return { recovered: outcome.recovered, attempts: outcome.attempts };
	return outcome.attempts > 1 ? { attempts: outcome.attempts } : {};
}

/** The scheduled call (or, for a call now, the call record) this request made, if Atlas lists one. */
async function findOwn(
	ctx: IExecuteFunctions,
	body: ScheduleCallBody,
	sentAt: number,
	ledger: ScheduleLedger,
): Promise<{ raw: unknown; where: string; sequenceNumber?: string | number } | undefined> {
	const wanted = contactKey(body.customerPhoneNumber);
	const due = body.scheduledDate ? Date.parse(body.scheduledDate) : undefined;
	const mine = owned(ledger);
	for (const raw of (await fetchScheduledCalls.call(ctx, body.campaignId)) ?? []) {
		const s = readScheduledCall(raw);
		if (!s.customerPhoneNumber || contactKey(s.customerPhoneNumber) !== wanted) continue;
		if (s.sequenceNumber !== undefined && mine.has(String(s.sequenceNumber))) continue;
		if (due !== undefined && s.scheduledAt && Date.parse(s.scheduledAt) !== due) continue;
		if (s.createdAt && Date.parse(s.createdAt) < sentAt - CREATED_SLACK_MS) continue;
		return { raw, where: "Atlas's scheduled calls", sequenceNumber: s.sequenceNumber };
	}
	if (due !== undefined) return undefined;
	const calls = await fetchCalls.call(ctx, {
		campaignId: body.campaignId,
		customerPhoneNumber: body.customerPhoneNumber,
		startDate: new Date(sentAt - CREATED_SLACK_MS).toISOString(),
	});
	for (const raw of calls) {
		const call = readCall(raw);
		if (call.customerPhoneNumber && contactKey(call.customerPhoneNumber) === wanted)
			return { raw: { callId: call.callId }, where: "Atlas's call records" };
	}
	return undefined;
}

/**
 * Sends one schedule request; when it goes unanswered, reads back whether Atlas scheduled it and
 * sends it again only when not (at most LOOK_WAITS_MS.length times in all).
 */
export async function scheduleReconciled(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: ScheduleCallBody,
	describeError: AtlasRequest['describeError'],
	ledger: ScheduleLedger,
): Promise<ScheduleOutcome> {
	const sentAt = Date.now();
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			return { answer: await scheduleCall.call(ctx, body, describeError), attempts: attempt };
		} catch (error) {
			failure = error;
		}
		// an answer (4xx refused, 5xx failed inside) is Atlas's word: not reconciled
		if (failure instanceof NodeApiError && failure.httpCode) throw failure;
		await sleep(LOOK_WAITS_MS[attempt - 1]);
		let found;
		try {
			found = await findOwn(ctx, body, sentAt, ledger);
		} catch (readError) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Atlas did not answer the request to call ${body.customerPhoneNumber}, and its scheduled calls could not be read to check`,
				{
					itemIndex,
					description: `The call may or may not be scheduled, so it was not sent again (nobody is called twice). Check Call > Get Scheduled for campaign "${body.campaignId}" before running this item again. ${errorText(failure)}; then: ${errorText(readError)}`,
				},
			);
		}
		if (found) {
			return {
				answer: found.raw,
				attempts: attempt,
				sequenceNumber: found.sequenceNumber,
				recovered: `Atlas did not answer ${attempt === 1 ? 'the request' : `${attempt} requests`}; ${found.where} show the call was scheduled`,
			};
		}
		if (attempt >= LOOK_WAITS_MS.length) {
			const error = new NodeOperationError(
				ctx.getNode(),
				`Atlas did not answer ${attempt} requests to call ${body.customerPhoneNumber}: nothing was scheduled`,
				{
					itemIndex,
					description: `Atlas's scheduled calls do not list this call, so running the item again is safe. If this repeats, raise Delay Between Calls in the node's options, or check that Atlas is reachable. ${errorText(failure)}`,
				},
			);
			notScheduled.add(error);
			throw error;
		}
	}
}
