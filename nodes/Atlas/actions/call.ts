import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toList, toRecord } from '../../shared/read';
import {
	DEFAULT_MAX_RECORDING_MB,
	downloadRecording,
	maxRecordingBytes,
	RECORDING_PROPERTY,
	recordingFileName,
} from '../../shared/recording';
import { normalizeCall } from '../../shared/records';
import { ATLAS_PATHS, atlasRequest } from '../../shared/transport';
import { getManySinceLastRun } from './sinceLastRun';
import type { Operation } from './utils';
import { applyLimit, BinaryItem, campaignIdParameter, requiredString } from './utils';

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
	const call = normalizeCall(toRecord(answer) ?? { id: callId });
	const options = this.getNodeParameter('getOptions', itemIndex, {}) as IDataObject;
	if (options.downloadRecording !== true) return [call];

	// A failed or too large download keeps the call, with `recordingError` saying why.
	const url = typeof call.recordingUrl === 'string' ? call.recordingUrl.trim() : '';
	if (!url) return [{ ...call, recordingError: 'The call has no recording URL' }];
	try {
		const binary = await downloadRecording(this, url, {
			maxBytes: maxRecordingBytes(options.maxRecordingSizeMb ?? DEFAULT_MAX_RECORDING_MB),
			fileName: recordingFileName(typeof call.id === 'string' ? call.id : callId),
		});
		return [new BinaryItem(call, { [RECORDING_PROPERTY]: binary })];
	} catch (error) {
		return [{ ...call, recordingError: error instanceof Error ? error.message : String(error) }];
	}
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

export const callOperations: Record<string, Operation> = { get, getAll, getManySinceLastRun };
