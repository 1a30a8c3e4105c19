import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toList, toRecord } from '../../shared/read';
import { normalizeCall } from '../../shared/records';
import { ATLAS_PATHS, atlasRequest } from '../../shared/transport';
import type { Operation } from './utils';
import { applyLimit, campaignIdParameter, requiredString } from './utils';

const get: Operation = async function (this, itemIndex) {
	const callId = requiredString(
		this,
		'callId',
		itemIndex,
		'Call ID',
		'Enter the ID of the call, or map it from a previous node (e.g. the callId of an Atlas Trigger event).',
	);
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.call(callId),
		notFound: `Call "${callId}"`,
	});
	return [normalizeCall(toRecord(answer) ?? { id: callId })];
};

/** A date filter as ISO 8601 text; undefined when empty. */
function dateFilter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value.trim() : String(value);
	const time = Date.parse(text);
	if (!text || Number.isNaN(time)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${text}" is not a date`, {
			itemIndex,
			description: 'Pick a date in the date picker, or give a date such as 2025-06-01 or 2025-06-01T14:30:00Z.',
		});
	}
	return new Date(time).toISOString();
}

const getAll: Operation = async function (this, itemIndex) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.campaign !== undefined) {
		const campaignId = campaignIdParameter(this, itemIndex, { name: 'filters.campaign', optional: true });
		if (campaignId) qs.campaignId = campaignId;
	}
	const startDate = dateFilter(this, itemIndex, filters.startDate, 'Start Date');
	const endDate = dateFilter(this, itemIndex, filters.endDate, 'End Date');
	if (startDate && endDate && Date.parse(startDate) > Date.parse(endDate)) {
		throw new NodeOperationError(this.getNode(), 'Start Date is after End Date', {
			itemIndex,
			description: 'Swap the two dates, or clear one of them.',
		});
	}
	if (startDate) qs.startDate = startDate;
	if (endDate) qs.endDate = endDate;
	const phone = typeof filters.customerPhoneNumber === 'string' ? filters.customerPhoneNumber.trim() : '';
	if (phone) qs.customerPhoneNumber = phone;

	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.calls,
		qs,
		notFound: qs.campaignId ? `Campaign "${String(qs.campaignId)}"` : 'The call list',
	});
	return applyLimit(this, itemIndex, toList(answer).map(normalizeCall));
};

export const callOperations: Record<string, Operation> = { get, getAll };
