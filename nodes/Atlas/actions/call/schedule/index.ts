import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { answerFields } from '../../../../shared/model/schedule';
import { receipt } from '../../../../shared/model/values';
import { MINUTE } from '../../../../shared/util/time';
import type { OperationExecute } from '../../operation';
import {
	campaignIdParameter,
	nonNegativeNumber,
	phoneParameter,
	requiredString,
} from '../../parameters';
import { DEFAULT_DELAY_MS, logProgress, paced } from './pace';
import { claimRecent, recentDuplicate, releaseRecent } from './recent';
import { nothingScheduled, outcomeFields, rememberSequence, scheduleReconciled } from './reconcile';
import { scheduleRefusal } from './refusals';
import { DEFAULT_MAX_CALLS, DEFAULT_WINDOW_MINUTES } from './description';
import { scheduledDateParameter } from './when';

/*
 * Call > Schedule: an Atlas agent calls one person, now or at a set time. This acts on real
 * people, so before anything is sent: the number must read as a real number, a number this
 * execution already scheduled is skipped, so is one Atlas has scheduled or called within the
 * window, and an execution stops at Max Calls Per Execution (also when an AI agent calls the
 * node as a tool). Each request is sent once: the transport never repeats a POST.
 */

export { description, DEFAULT_MAX_CALLS, DEFAULT_WINDOW_MINUTES } from './description';

export const execute: OperationExecute = async function (this, itemIndex, run) {
	try {
		return await scheduleOne.call(this, itemIndex, run);
	} finally {
		logProgress(this, itemIndex, run.schedules);
	}
};

const scheduleOne: OperationExecute = async function (this, itemIndex, run) {
	const now = Date.now();
	// Everything is read and checked before anything is sent to Atlas.
	const campaignId = campaignIdParameter(this, itemIndex);
	const customerPhoneNumber = phoneParameter(
		this,
		'customerPhoneNumber',
		itemIndex,
		'Phone number',
	);
	const customerName = requiredString(
		this,
		'customerName',
		itemIndex,
		'Customer Name',
		'Atlas needs the name the agent uses for the person. Enter it, or map it from a previous node (e.g. the Name column of your sheet). Nothing was sent for this item.',
	);
	const customerInfo = String(this.getNodeParameter('customerInfo', itemIndex, '') ?? '').trim();
	const scheduledDate = scheduledDateParameter(this, itemIndex, now);
	const options = this.getNodeParameter('scheduleOptions', itemIndex, {}) as IDataObject;
	const skipRecent = options.skipRecent !== false;
	const windowMs =
		nonNegativeNumber(
			this,
			itemIndex,
			options.windowMinutes,
			'Window (Minutes)',
			DEFAULT_WINDOW_MINUTES,
		) * MINUTE;
	const delayMs = nonNegativeNumber(
		this,
		itemIndex,
		options.delayMs,
		'Delay Between Calls (Milliseconds)',
		DEFAULT_DELAY_MS,
	);
	const maxCalls = Math.max(
		1,
		Math.floor(
			nonNegativeNumber(
				this,
				itemIndex,
				options.maxCalls,
				'Max Calls Per Execution',
				DEFAULT_MAX_CALLS,
			),
		),
	);

	const asked: IDataObject = {
		campaignId,
		customerPhoneNumber,
		customerName,
		scheduledAt: scheduledDate ?? new Date(now).toISOString(),
		when: scheduledDate ? 'scheduled' : 'now',
	};
	const ledger = run.schedules;
	const key = `${campaignId}\n${customerPhoneNumber}`;
	const earlier = ledger.scheduled.get(key);
	if (earlier !== undefined) {
		return [
			{
				...asked,
				skipped: true,
				reason: `${customerPhoneNumber} was already scheduled by item ${earlier} of this execution: not scheduled again`,
				sequenceNumber: null,
			},
		];
	}
	if (ledger.sent >= maxCalls) {
		throw new NodeOperationError(
			this.getNode(),
			`Stopped before calling ${customerPhoneNumber} (item ${itemIndex + 1}): this execution already sent ${ledger.sent} call(s), the Max Calls Per Execution`,
			{
				itemIndex,
				description:
					"Nothing was sent for this item. If you mean to call more people in one execution, raise Max Calls Per Execution in the node's options. If not, check the loop, or the AI agent, that feeds this node.",
			},
		);
	}
	if (skipRecent) {
		const at = scheduledDate ? Date.parse(scheduledDate) : now;
		const duplicate = await recentDuplicate(
			this,
			campaignId,
			customerPhoneNumber,
			windowMs,
			now,
			at,
		);
		if (duplicate) {
			return [
				{
					...asked,
					skipped: true,
					reason: duplicate.reason,
					duplicateOf: duplicate.duplicateOf as IDataObject,
					sequenceNumber: null,
				},
			];
		}
	}

	// claimed only now, with no await since Atlas was asked: of two executions racing for the
	// same person in this process, the second is skipped here
	if (
		skipRecent &&
		!claimRecent(key, now, scheduledDate ? Date.parse(scheduledDate) : now, windowMs)
	) {
		return [
			{
				...asked,
				skipped: true,
				reason: `${customerPhoneNumber} was scheduled in this campaign a moment ago by another execution of this n8n: not scheduled again`,
				sequenceNumber: null,
			},
		];
	}

	ledger.sent++;
	let outcome;
	try {
		const body = {
			campaignId,
			customerPhoneNumber,
			customerName,
			...(customerInfo ? { customerInfo } : {}),
			...(scheduledDate ? { scheduledDate } : {}),
		};
		const refusal = scheduleRefusal(campaignId, customerPhoneNumber);
		outcome = await paced(ledger, delayMs, async () => {
			return await scheduleReconciled(this, itemIndex, body, refusal, ledger);
		});
	} catch (error) {
		// Atlas refused (4xx), or its list shows nothing was scheduled: a retry may schedule it.
		// Any other failure (5xx, no answer and no list) may have scheduled it: the claim stays.
		if (skipRecent && nothingScheduled(error)) releaseRecent(key);
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	}
	ledger.scheduled.set(key, itemIndex + 1);
	const fields = answerFields(outcome.answer);
	const sequenceNumber = outcome.sequenceNumber ?? (fields.sequenceNumber as number | undefined);
	rememberSequence(ledger, sequenceNumber);
	return [
		receipt(
			{
				sequenceNumber: sequenceNumber ?? null,
				...asked,
				skipped: false,
				...outcomeFields(outcome),
			},
			fields,
		),
	];
};
