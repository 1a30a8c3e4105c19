import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { deleteCall } from '../../../shared/api/calls';
import { answerFields } from '../../../shared/model/schedule';
import { receipt } from '../../../shared/model/values';
import { assertConfirmed, confirmProperty } from '../confirm';
import { checkDeletionCap, deleteRefusal, maxDeletionsOption } from '../deletions';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { requiredString } from '../parameters';

/*
 * Call > Delete: one call record (its transcript, summary, recording link) deleted in Atlas. It
 * acts only once the builder allowed it in the node, and counts against the execution's
 * deletion cap. A call Atlas does not have (any more) is reported as such, not as a failure.
 */

const show = showFor('call', 'delete');
const WHAT = 'delete call records';

export const description: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b1f6c2e-...',
		description: 'The ID of the call record to delete',
		hint: 'Map the callId of an Atlas Trigger event or of a call from Get Many',
		displayOptions: show,
	},
	confirmProperty(show, WHAT),
	{
		displayName: 'Options',
		name: 'deleteOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Safety options: they apply when not added, with the defaults shown',
		displayOptions: show,
		options: [maxDeletionsOption],
	},
];

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const callId = requiredString(
		this,
		'callId',
		itemIndex,
		'Call ID',
		'Enter the ID of the call to delete, or map it from a previous node (e.g. the callId of an Atlas Trigger event).',
	);
	assertConfirmed(this, itemIndex, WHAT);
	const options = this.getNodeParameter('deleteOptions', itemIndex, {}) as IDataObject;
	checkDeletionCap(this, itemIndex, run, options.maxDeletions, 1, `call "${callId}"`);

	const result = await deleteCall.call(this, callId, deleteRefusal(callId));
	if (!result.deleted) {
		return [
			{
				callId,
				deleted: false,
				alreadyGone: true,
				reason: `Atlas has no call "${callId}": it was deleted already, or the ID is wrong (for another Atlas account). Nothing was deleted.`,
			},
		];
	}
	run.deletions.deleted++;
	return [receipt({ callId, deleted: true, alreadyGone: false }, answerFields(result.answer))];
};
