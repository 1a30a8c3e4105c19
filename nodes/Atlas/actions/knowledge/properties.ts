import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../properties';

/* Parameters several Knowledge operations share. */

type DisplayOptions = INodeProperties['displayOptions'];

/** An optional campaign: the file goes into (or is read from) this campaign's knowledge. */
export function optionalCampaign(
	displayOptions: DisplayOptions,
	description: string,
): INodeProperties {
	return { ...campaignLocator({ displayOptions, required: false, description }) };
}

/** A knowledge file's ID (`knowledgeId` of Get Many or an upload). */
export function knowledgeIdProperty(displayOptions: DisplayOptions): INodeProperties {
	return {
		displayName: 'Knowledge File ID',
		name: 'knowledgeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.knowledgeId }}',
		description:
			"The file's ID in Atlas: the knowledgeId of Knowledge > Get Many, Upload File or Upload Text",
		displayOptions,
	};
}

export function collectionProperty(displayOptions: DisplayOptions): INodeProperties {
	return {
		displayName: 'Collection Name',
		name: 'collection',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Pricing',
		description: 'The collection (a tag in Atlas) that groups knowledge files',
		displayOptions,
	};
}

/** Input Binary Field: where an input item carries the file. */
export function binaryProperty(displayOptions: DisplayOptions): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to be uploaded',
		description:
			'The binary property of each input item that holds the file (Read/Write Files from Disk, Google Drive Download and HTTP Request put it in "data")',
		displayOptions,
	};
}
