import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ScheduleLedger } from '../../operation';

/*
 * Atlas drops connections when many schedule requests arrive at once; a production client
 * spaces them about 200 ms apart. The pace is kept per execution (the ledger), so the items of
 * one run, a loop and an AI agent's tool calls are spaced alike.
 */

export const DEFAULT_DELAY_MS = 200;
/** Progress goes to n8n's log every this many items (and at the last item). */
export const PROGRESS_EVERY = 100;

const lastSent = new WeakMap<ScheduleLedger, number>();

/**
 * Runs `send` once `delayMs` have passed since this execution's previous request was answered
 * (counted from the answer, so a slow answer does not bunch the next requests up at Atlas).
 */
export async function paced<T>(
	ledger: ScheduleLedger,
	delayMs: number,
	send: () => Promise<T>,
): Promise<T> {
	const last = lastSent.get(ledger);
	const wait = last === undefined ? 0 : last + delayMs - Date.now();
	if (wait > 0) await sleep(wait);
	try {
		return await send();
	} finally {
		lastSent.set(ledger, Date.now());
	}
}

/** "Call > Schedule: 100 of 500 items done, 97 calls scheduled" in n8n's log, now and then. */
export function logProgress(ctx: IExecuteFunctions, itemIndex: number, ledger: ScheduleLedger) {
	const total = ctx.getInputData().length;
	const done = itemIndex + 1;
	if (total < 2 || (done % PROGRESS_EVERY !== 0 && done !== total)) return;
	ctx.logger.info(
		`Atlas Call > Schedule: ${done} of ${total} items done, ${ledger.scheduled.size} call(s) scheduled in this execution`,
		{ node: ctx.getNode().name, done, total, scheduled: ledger.scheduled.size },
	);
}
