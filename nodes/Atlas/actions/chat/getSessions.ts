import type { INodeProperties } from 'n8n-workflow';

import { fetchChatSessions } from '../../../shared/api/chats';
import { chatSessionItem } from '../../../shared/model/chat';
import { contactKey } from '../../../shared/model/contact';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit, campaignIdParameter } from '../parameters';
import { campaignLocator, returnAllAndLimit, simplifyProperty } from '../properties';

const show = showFor('chat', 'getSessions');

export const description: INodeProperties[] = [
	campaignLocator({ displayOptions: show, description: 'The chat campaign whose sessions to get' }),
	{
		displayName: 'Contact',
		name: 'contact',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155550101 or name@example.com',
		description:
			'Only the sessions of this contact: a phone number, an email address or an Apple ID. Leave empty for every contact.',
		displayOptions: show,
	},
	...returnAllAndLimit(show),
	simplifyProperty(showFor('chat', 'getSessions'), 'sessionId, contact, status, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const contact = String(this.getNodeParameter('contact', itemIndex, '') ?? '').trim();
	let sessions = (await fetchChatSessions.call(this, campaignId)).map((raw) =>
		chatSessionItem(raw, campaignId),
	);
	if (contact) {
		// Atlas has no contact filter: match here, ignoring phone-number punctuation and case.
		const wanted = contactKey(contact);
		sessions = sessions.filter(
			(session) => typeof session.contact === 'string' && contactKey(session.contact) === wanted,
		);
	}
	return applyLimit(this, itemIndex, sessions);
};
