import type { INodeProperties } from 'n8n-workflow';

import { setHumanHandoff } from '../../../shared/api/chats';
import { answerFields } from '../../../shared/model/schedule';
import { receipt } from '../../../shared/model/values';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, contactParameter } from '../parameters';
import { campaignLocator } from '../properties';

/* Chat > Set Human Hand-off: pause the AI for one contact (a human answers), or resume it. */

const show = showFor('chat', 'setHumanHandoff');

export const description: INodeProperties[] = [
	campaignLocator({ displayOptions: show, description: 'The chat campaign of the contact' }),
	{
		displayName: 'Contact',
		name: 'contact',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +16175550203 or name@example.com',
		description:
			'The phone number (sent in international form), e-mail address or Apple ID of the contact',
		hint: 'Map the contact of an Atlas Trigger message event',
		displayOptions: show,
	},
	{
		displayName: 'Human Hand-Off',
		name: 'humanHandoff',
		type: 'boolean',
		default: true,
		description:
			'Whether a human takes over: on, the AI stops answering this contact (reply with Reply As Human); off, the AI answers again',
		displayOptions: show,
	},
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const contact = contactParameter(this, 'contact', itemIndex, 'Contact');
	const enabled = this.getNodeParameter('humanHandoff', itemIndex, true) === true;
	// Atlas's own code sends `enabled` explicitly, although the docs show an empty body [live].
	const answer = await setHumanHandoff.call(this, campaignId, contact, enabled);
	return [receipt({ campaignId, contact, humanHandoff: enabled }, answerFields(answer))];
};
