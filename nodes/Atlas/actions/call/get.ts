import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fetchCall } from '../../../shared/api/calls';
import { callItem } from '../../../shared/model/call';
import { extendItem } from '../../../shared/model/values';
import { downloadRecording } from '../../../shared/recording/download';
import {
	DEFAULT_MAX_RECORDING_MB,
	downloadRecordingOption,
	maxRecordingBytes,
	maxRecordingSizeOption,
	RECORDING_PROPERTY,
	recordingFileName,
} from '../../../shared/recording/option';
import { errorText } from '../../../shared/util/errors';
import type { OperationExecute } from '../operation';
import { BinaryItem, showFor } from '../operation';
import { requiredString } from '../parameters';
import { simplifyProperty } from '../properties';

export const description: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b1f6c2e-...',
		description: 'The ID of the call record',
		hint: 'Map the callId of an Atlas Trigger event or of a call from Get Many',
		displayOptions: showFor('call', 'get'),
	},
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'More to do with the call',
		displayOptions: showFor('call', 'get'),
		options: [
			downloadRecordingOption(
				"the call's recording",
				'A failed or too large download keeps the call, with a "recordingError" field saying why',
			),
			maxRecordingSizeOption(
				'A larger recording is not downloaded: the item gets "recordingError" instead. n8n keeps binary data in memory unless N8N_DEFAULT_BINARY_DATA_MODE is "filesystem".',
			),
		],
	},
	simplifyProperty(showFor('call', 'get'), 'callId, summary, transcript, messages, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const callId = requiredString(
		this,
		'callId',
		itemIndex,
		'Call ID',
		'Enter the ID of the call, or map it from a previous node (e.g. the callId of an Atlas Trigger event).',
	);
	const call = callItem((await fetchCall.call(this, callId)) ?? {}, callId);
	const options = this.getNodeParameter('getOptions', itemIndex, {}) as IDataObject;
	if (options.downloadRecording !== true) return [call];

	// A failed or too large download keeps the call, with `recordingError` saying why.
	const url = typeof call.recordingUrl === 'string' ? call.recordingUrl : '';
	if (!url) return [extendItem(call, { recordingError: 'The call has no recording URL' })];
	try {
		const binary = await downloadRecording(this, url, {
			maxBytes: maxRecordingBytes(options.maxRecordingSizeMb ?? DEFAULT_MAX_RECORDING_MB),
			fileName: recordingFileName(typeof call.callId === 'string' ? call.callId : callId),
		});
		return [new BinaryItem(call, { [RECORDING_PROPERTY]: binary })];
	} catch (error) {
		return [extendItem(call, { recordingError: errorText(error) })];
	}
};
