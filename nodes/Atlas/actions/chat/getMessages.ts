import type { INodeProperties } from 'n8n-workflow';

import { fetchChatMessages } from '../../../shared/api/chats';
import { chatMessageItem } from '../../../shared/model/chat';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { requiredString } from '../parameters';
import { simplifyProperty } from '../properties';

export const description: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5d0c8e7a-...',
		description: 'The ID of the chat session',
		hint: 'Map the sessionId of a session from Get Sessions',
		displayOptions: showFor('chat', 'getMessages'),
	},
	simplifyProperty(showFor('chat', 'getMessages'), 'messageId, role, message, time, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const sessionId = requiredString(
		this,
		'sessionId',
		itemIndex,
		'Session ID',
		'Enter the ID of the chat session, or map the sessionId of a session from the Get Sessions operation.',
	);
	return (await fetchChatMessages.call(this, sessionId)).map((raw) =>
		chatMessageItem(raw, sessionId),
	);
};
