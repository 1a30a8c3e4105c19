import type { IDataObject } from 'n8n-workflow';

import { ATLAS_PATHS } from '../atlas/endpoints';
import { toList } from '../model/read';
import type { AtlasRequest } from '../transport/request';
import { atlasRequest, type AtlasContext } from '../transport/request';

export async function fetchChatSessions(
	this: AtlasContext,
	campaignId: string,
): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.chatSessions(campaignId),
		notFound: `Campaign "${campaignId}"`,
	});
	return toList(answer);
}

export async function fetchChatMessages(
	this: AtlasContext,
	sessionId: string,
): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.chatMessages(sessionId),
		notFound: `Chat session "${sessionId}"`,
	});
	return toList(answer);
}

/** Starts an SMS / iMessage conversation with a first message; Atlas's answer as it came. */
export async function startSmsConversation(
	this: AtlasContext,
	campaignId: string,
	body: { customerPhoneNumber: string; customerName: string; customMessage: string },
): Promise<unknown> {
	return await atlasRequest.call(this, {
		method: 'POST',
		path: ATLAS_PATHS.startSms(campaignId),
		body,
		notFound: `Campaign "${campaignId}"`,
	});
}

/** Sends a human's reply into a chat session; Atlas's answer as it came ("Response sent"). */
export async function sendHumanResponse(
	this: AtlasContext,
	campaignId: string,
	body: { sessionId: string; message: string; agentId?: string; attachments?: string[] },
	describeError: AtlasRequest['describeError'],
): Promise<unknown> {
	return await atlasRequest.call(this, {
		method: 'POST',
		path: ATLAS_PATHS.humanResponse(campaignId),
		body,
		notFound: `Campaign "${campaignId}"`,
		describeError,
	});
}

/** Turns human hand-off on (the AI stops answering) or off for one contact. */
export async function setHumanHandoff(
	this: AtlasContext,
	campaignId: string,
	contact: string,
	enabled: boolean,
): Promise<unknown> {
	return await atlasRequest.call(this, {
		method: 'POST',
		path: ATLAS_PATHS.humanHandoff(campaignId, contact),
		body: { enabled },
		notFound: `Contact "${contact}" of campaign "${campaignId}"`,
	});
}
