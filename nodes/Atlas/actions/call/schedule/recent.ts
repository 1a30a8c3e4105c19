import type { IExecuteFunctions } from 'n8n-workflow';

import { fetchCalls, fetchScheduledCalls } from '../../../../shared/api/calls';
import { readCall } from '../../../../shared/model/call';
import { contactKey } from '../../../../shared/model/contact';
import { readScheduledCall } from '../../../../shared/model/schedule';
import { MINUTE } from '../../../../shared/util/time';

/*
 * Don't Call the Same Person Twice: is this number already scheduled, or called, in this
 * campaign within the window? Double form submits and n8n's retry-on-fail must not ring a
 * customer twice. Asks Atlas's scheduled calls and its call records [guess: the fields of a
 * scheduled call are unknown; one without any readable time counts as pending].
 */

const GONE = /fail|cancel|error|delete/i;

/*
 * This process's own schedules of the last window, claimed before Atlas is asked: two
 * executions of one n8n racing for the same person (a double submit a few milliseconds apart)
 * cannot both pass the check before either has reached Atlas. Atlas's lists cover the rest
 * (other processes, earlier runs).
 */
const CLAIMS = new Map<string, { claimed: number; at: number }>();
const CLAIMS_MAX = 10_000;

/**
 * Claims `key` (campaign + number) for a call at `at`; false when this process claimed it
 * within the window for a call due within the window of `at` (a reminder tomorrow is no repeat).
 */
export function claimRecent(key: string, now: number, at: number, windowMs: number): boolean {
	const claim = CLAIMS.get(key);
	if (claim && now - claim.claimed < windowMs && Math.abs(at - claim.at) <= windowMs) return false;
	if (CLAIMS.size >= CLAIMS_MAX) {
		for (const [old, c] of CLAIMS) if (now - c.claimed >= windowMs) CLAIMS.delete(old);
		if (CLAIMS.size >= CLAIMS_MAX) CLAIMS.delete(CLAIMS.keys().next().value as string);
	}
	CLAIMS.delete(key);
	CLAIMS.set(key, { claimed: now, at });
	return true;
}

/** Gives a claim back: nothing was scheduled (Atlas refused, or was not reached). */
export function releaseRecent(key: string): void {
	CLAIMS.delete(key);
}

/** Forgets every claim (tests). */
export function forgetRecentClaims(): void {
	CLAIMS.clear();
}

export interface Duplicate {
	reason: string;
	duplicateOf: { sequenceNumber?: string | number; callId?: string; at?: string };
}

export async function recentDuplicate(
	ctx: IExecuteFunctions,
	campaignId: string,
	phone: string,
	windowMs: number,
	now: number,
	at: number,
): Promise<Duplicate | undefined> {
	const wanted = contactKey(phone);
	const near = (time: string | undefined) => {
		const t = time ? Date.parse(time) : NaN;
		return !Number.isNaN(t) && (Math.abs(t - now) <= windowMs || Math.abs(t - at) <= windowMs);
	};

	for (const raw of (await fetchScheduledCalls.call(ctx, campaignId, true)) ?? []) {
		const scheduled = readScheduledCall(raw);
		if (!scheduled.customerPhoneNumber || contactKey(scheduled.customerPhoneNumber) !== wanted)
			continue;
		if (scheduled.status && GONE.test(scheduled.status)) continue;
		const times = [scheduled.scheduledAt, scheduled.createdAt].filter(Boolean);
		if (times.length > 0 && !times.some(near)) continue;
		const when = scheduled.scheduledAt ?? scheduled.createdAt;
		return {
			reason: `${phone} is already scheduled in this campaign${when ? ` (for ${when})` : ''}: not scheduled again`,
			duplicateOf: { sequenceNumber: scheduled.sequenceNumber, at: when },
		};
	}

	// A call placed recently counts only for a call due soon (a reminder tomorrow is not a repeat).
	if (at - now > windowMs) return undefined;
	const since = new Date(now - windowMs).toISOString();
	const calls = await fetchCalls.call(ctx, {
		campaignId,
		customerPhoneNumber: phone,
		startDate: since,
	});
	for (const raw of calls) {
		const call = readCall(raw);
		if (!call.customerPhoneNumber || contactKey(call.customerPhoneNumber) !== wanted) continue;
		const started = call.startedAt ? Date.parse(call.startedAt) : NaN;
		if (!Number.isNaN(started) && started < now - windowMs) continue;
		return {
			reason: `${phone} was called in this campaign ${call.startedAt ? `at ${call.startedAt}` : 'a moment ago'} (within the last ${Math.round(windowMs / MINUTE)} minutes): not called again`,
			duplicateOf: { callId: call.callId, at: call.startedAt },
		};
	}
	return undefined;
}
