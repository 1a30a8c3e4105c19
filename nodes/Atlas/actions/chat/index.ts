import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import { showFor } from '../operation';
import { defaultCountryProperty } from '../properties';
import * as getMessages from './getMessages';
import * as getSessions from './getSessions';
import * as replyAsHuman from './replyAsHuman';
import * as setHumanHandoff from './setHumanHandoff';
import * as startSms from './startSms';

export const chatOperations: Record<string, AtlasOperation> = {
	getSessions,
	getMessages,
	replyAsHuman,
	setHumanHandoff,
	startSms,
};

export const chatDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Get Messages',
				value: 'getMessages',
				description: 'Get the messages of one chat session, in order',
				action: 'Get the messages of a chat session',
			},
			{
				name: 'Get Sessions',
				value: 'getSessions',
				description: 'Get the chat sessions (conversations) of a campaign',
				action: 'Get the chat sessions of a campaign',
			},
			{
				name: 'Reply As Human',
				value: 'replyAsHuman',
				description:
					"Send a person's reply to a contact in an Atlas chat (SMS, iMessage, web chat): needs the chat campaign, the contact (phone number or e-mail; the current session is found) or a session ID, and the message",
				action: 'Reply in a chat as a human',
			},
			{
				name: 'Set Human Hand-Off',
				value: 'setHumanHandoff',
				description:
					'Pause the AI for one contact of a chat campaign so a human answers, or resume it: needs the campaign, the contact (phone number or e-mail) and on or off',
				action: 'Turn human hand off on or off for a contact',
			},
			{
				name: 'Start SMS Conversation',
				value: 'startSms',
				description:
					'Text a real person first from an SMS / iMessage chat campaign; the agent answers their replies. Needs the campaign, the phone number and the first message. Returns the new sessionId.',
				action: 'Start an SMS conversation',
			},
		],
		default: 'getSessions',
	},
	...getSessions.description,
	...getMessages.description,
	defaultCountryProperty(showFor('chat', 'startSms', 'replyAsHuman', 'setHumanHandoff')),
	...startSms.description,
	...replyAsHuman.description,
	...setHumanHandoff.description,
];
