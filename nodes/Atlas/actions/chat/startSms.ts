import type { INodeProperties } from 'n8n-workflow';

import { startSmsConversation } from '../../../shared/api/chats';
import { answerFields, newSessionId } from '../../../shared/model/schedule';
import { receipt } from '../../../shared/model/values';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, phoneParameter, requiredString } from '../parameters';
import { campaignLocator } from '../properties';

/* Chat > Start SMS Conversation: the campaign's agent texts a person first. */

const show = showFor('chat', 'startSms');

export const description: INodeProperties[] = [
	campaignLocator({
		displayOptions: show,
		description: 'The chat campaign (SMS / iMessage) whose agent starts the conversation',
	}),
	{
		displayName: 'Phone Number',
		name: 'customerPhoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +1 617 555 0203 or (617) 555-0203',
		description:
			'The number to text, as written in your sheet or CRM; sent in international form (+16175550203)',
		displayOptions: show,
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Sofia Rossi',
		description: 'The name of the person, for the agent',
		displayOptions: show,
	},
	{
		displayName: 'First Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Hi Sofia, this is Harbor Realty. Are you still looking for a 1 bedroom?',
		description: 'The text the person receives first; the agent answers their replies',
		displayOptions: show,
	},
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const contact = phoneParameter(this, 'customerPhoneNumber', itemIndex, 'Phone number');
	const customerName = String(this.getNodeParameter('customerName', itemIndex, '') ?? '').trim();
	const message = requiredString(
		this,
		'message',
		itemIndex,
		'First Message',
		'Enter the text the person receives first, or map it from a previous node.',
	);
	const answer = await startSmsConversation.call(this, campaignId, {
		customerPhoneNumber: contact,
		customerName,
		customMessage: message,
	});
	return [
		receipt(
			{
				sessionId: newSessionId(answer) ?? null,
				campaignId,
				contact,
				customerName,
				message,
			},
			answerFields(answer),
		),
	];
};
