import type { INodeProperties } from 'n8n-workflow';

import { uploadKnowledge } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { simplifyProperty } from '../properties';
import { assertUploadable, binaryUpload } from './file';
import { binaryProperty, optionalCampaign } from './properties';

const show = showFor('knowledge', 'uploadFile');

export const description: INodeProperties[] = [
	binaryProperty(show),
	optionalCampaign(
		show,
		"The campaign whose agent should know the file. Leave it empty to add it to the account's knowledge only (attach it later).",
	),
	{
		displayName: 'Options',
		name: 'uploadOptions',
		description: 'More settings of the upload',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. price-list.pdf',
				description:
					"The name the file gets in Atlas (ending in .pdf, .docx, .txt or .md). Empty: the input file's own name.",
			},
		],
	},
	simplifyProperty(show, 'knowledgeId, fileName, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const options = this.getNodeParameter('uploadOptions', itemIndex, {}) as { fileName?: string };
	const upload = await binaryUpload(this, itemIndex, property || 'data', options.fileName ?? '');
	assertUploadable(this, itemIndex, upload);
	const campaignId = campaignIdParameter(this, itemIndex, { optional: true });
	return [await uploadKnowledge.call(this, upload.fileName, upload.bytes, campaignId)];
};
