import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchChatSessions, sendHumanResponse } from '../../../shared/api/chats';
import { STALE_SESSION } from '../../../shared/atlas/endpoints';
import { chatSessionItem } from '../../../shared/model/chat';
import { contactKey } from '../../../shared/model/contact';
import { answerFields } from '../../../shared/model/schedule';
import { receipt } from '../../../shared/model/values';
import type { ErrorWords } from '../../../shared/transport/request';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, contactParameter, requiredString } from '../parameters';
import { campaignLocator } from '../properties';

/*
 * Chat > Reply As Human: a person's reply into an Atlas chat. Atlas accepts it only in the
 * contact's current session and otherwise answers a misleading 400 "Human handoff is not
 * enabled for this campaign" [live]; by contact, the node finds the current session itself.
 */

const show = showFor('chat', 'replyAsHuman');
const CLOSED = /^(completed|failed|closed|ended)$/i;

export const description: INodeProperties[] = [
	campaignLocator({ displayOptions: show, description: 'The chat campaign of the conversation' }),
	{
		displayName: 'Reply To',
		name: 'replyTo',
		type: 'options',
		default: 'contact',
		options: [
			{
				name: 'Contact',
				value: 'contact',
				description: "The node finds the contact's current session",
			},
			{ name: 'Session ID', value: 'sessionId', description: 'A session ID you already have' },
		],
		description: 'How the conversation is named',
		displayOptions: show,
	},
	{
		displayName: 'Contact',
		name: 'contact',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +16175550203 or name@example.com',
		description:
			'The phone number, e-mail address or Apple ID of the contact; the reply goes into their current session',
		hint: 'Map the contact of an Atlas Trigger message event',
		displayOptions: {
			show: { resource: ['chat'], operation: ['replyAsHuman'], replyTo: ['contact'] },
		},
	},
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5d0c8e7a-...',
		description: "The chat session to reply in; it must be the contact's current one",
		displayOptions: {
			show: { resource: ['chat'], operation: ['replyAsHuman'], replyTo: ['sessionId'] },
		},
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The reply the contact receives, sent as from a human',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'replyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'More to send with the reply',
		displayOptions: show,
		options: [
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				description: 'The Atlas user the reply is sent as',
			},
			{
				displayName: 'Attachments',
				name: 'attachments',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/floorplan.pdf',
				description: 'URLs of files to attach, separated by commas',
			},
		],
	},
];

/** The contact's current session: the newest still open, else the newest. */
async function currentSession(
	ctx: IExecuteFunctions,
	itemIndex: number,
	campaignId: string,
	contact: string,
): Promise<string> {
	const wanted = contactKey(contact);
	const sessions = (await fetchChatSessions.call(ctx, campaignId))
		.map((raw) => chatSessionItem(raw, campaignId))
		.filter(
			(session) => typeof session.contact === 'string' && contactKey(session.contact) === wanted,
		)
		.sort((a, b) => String(b.time ?? '').localeCompare(String(a.time ?? '')));
	const open = sessions.find((session) => !CLOSED.test(String(session.status ?? '')));
	const current = open ?? sessions[0];
	if (!current || typeof current.sessionId !== 'string') {
		throw new NodeOperationError(
			ctx.getNode(),
			`${contact} has no chat session in campaign "${campaignId}"`,
			{
				itemIndex,
				description:
					'Nothing was sent. Check the contact (a phone number with its country code, or the e-mail address) and the campaign; to text someone first, use Chat > Start SMS Conversation.',
			},
		);
	}
	return current.sessionId;
}

function staleWords(
	sessionId: string,
	contact: string | undefined,
): (status: number, said: string | undefined) => ErrorWords | undefined {
	return (status, said) => {
		if (status !== 400 || !said || !STALE_SESSION.test(said)) return undefined;
		if (contact === undefined) {
			return {
				message: `Session "${sessionId}" is not the contact's current chat session`,
				description: `Nothing was sent. Atlas answered "${said}", which is misleading: Atlas takes a human reply only in the contact's newest session, and this one was replaced or closed. Set Reply To to Contact so the node finds the current session itself.`,
			};
		}
		return {
			message: `Atlas refused the reply in ${contact}'s current session "${sessionId}"`,
			description: `Nothing was sent. Atlas answered "${said}". The session may have just ended or a newer one started: run the node again. If it persists, turn human hand-off on for the contact (Chat > Set Human Hand-off) and check in Atlas that the campaign allows human replies.`,
		};
	};
}

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const byContact = this.getNodeParameter('replyTo', itemIndex, 'contact') === 'contact';
	const message = requiredString(
		this,
		'message',
		itemIndex,
		'Message',
		'Enter the reply, or map it from a previous node.',
	);
	const options = this.getNodeParameter('replyOptions', itemIndex, {}) as IDataObject;
	const contact = byContact ? contactParameter(this, 'contact', itemIndex, 'Contact') : undefined;
	const sessionId =
		contact !== undefined
			? await currentSession(this, itemIndex, campaignId, contact)
			: requiredString(
					this,
					'sessionId',
					itemIndex,
					'Session ID',
					'Enter the session ID, or set Reply To to Contact and give the contact instead.',
				);
	const agentId = typeof options.agentId === 'string' ? options.agentId.trim() : '';
	const attachments =
		typeof options.attachments === 'string'
			? options.attachments
					.split(',')
					.map((url) => url.trim())
					.filter(Boolean)
			: [];
	const answer = await sendHumanResponse.call(
		this,
		campaignId,
		{
			sessionId,
			message,
			...(agentId ? { agentId } : {}),
			...(attachments.length ? { attachments } : {}),
		},
		staleWords(sessionId, contact),
	);
	return [
		receipt(
			{ sent: true, campaignId, sessionId, contact: contact ?? null, role: 'human', message },
			answerFields(answer),
		),
	];
};
