import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { uploadKnowledge } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, requiredString } from '../parameters';
import { simplifyProperty } from '../properties';
import { assertUploadable, textUpload } from './file';
import { optionalCampaign } from './properties';

const show = showFor('knowledge', 'uploadText');

export const description: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. faq.md',
		description:
			'The name of the file in Atlas. .md is added unless it ends in .md or .txt. Uploading the same name again adds a second file: use Sync to replace.',
		displayOptions: show,
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 6 },
		placeholder: 'e.g. {{ $json.answer }}',
		description: 'The text or Markdown the agent should know (a Notion page, sheet rows, a post)',
		displayOptions: show,
	},
	optionalCampaign(
		show,
		"The campaign whose agent should know the text. Leave it empty to add it to the account's knowledge only.",
	),
	simplifyProperty(show, 'knowledgeId, fileName, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const fileName = requiredString(
		this,
		'fileName',
		itemIndex,
		`File Name of item ${itemIndex + 1}`,
		'Enter a name such as faq.md, or map one (e.g. {{ $json.title }}.md).',
	);
	const text = this.getNodeParameter('text', itemIndex, '') as unknown;
	if (typeof text !== 'string' || text.trim() === '') {
		throw new NodeOperationError(this.getNode(), `The text for "${fileName}" is empty`, {
			itemIndex,
			description:
				'Nothing was sent to Atlas. Map the field holding the text (e.g. {{ $json.content }}); check that this item has it.',
		});
	}
	const upload = textUpload(fileName, text);
	assertUploadable(this, itemIndex, upload);
	const campaignId = campaignIdParameter(this, itemIndex, { optional: true });
	return [await uploadKnowledge.call(this, upload.fileName, upload.bytes, campaignId)];
};
