import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addKnowledgeFromUrl } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, requiredString } from '../parameters';
import { simplifyProperty } from '../properties';
import { optionalCampaign } from './properties';

const show = showFor('knowledge', 'addFromUrl');

export const description: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/pricing',
		description: 'A public web page; Atlas reads it and adds its text to the knowledge base',
		displayOptions: show,
	},
	optionalCampaign(
		show,
		"The campaign whose agent should know the page. Leave it empty to add it to the account's knowledge only.",
	),
	simplifyProperty(show, 'knowledgeId, fileName, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const url = requiredString(
		this,
		'url',
		itemIndex,
		`URL of item ${itemIndex + 1}`,
		'Enter the address of a public web page, such as https://example.com/pricing.',
	);
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
		throw new NodeOperationError(this.getNode(), `"${url}" is not a web address`, {
			itemIndex,
			description:
				'Nothing was sent to Atlas. Enter a full address starting with https:// (or http://), such as https://example.com/pricing.',
		});
	}
	const campaignId = campaignIdParameter(this, itemIndex, { optional: true });
	return [await addKnowledgeFromUrl.call(this, url, campaignId)];
};
