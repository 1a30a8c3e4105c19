import type { IDataObject } from 'n8n-workflow';

import { ATLAS_PATHS } from '../atlas/endpoints';
import { toList } from '../model/read';
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
