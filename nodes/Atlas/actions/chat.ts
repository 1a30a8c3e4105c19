import { toList } from '../../shared/read';
import { contactKey, normalizeChatMessage, normalizeChatSession } from '../../shared/records';
import { ATLAS_PATHS, atlasRequest } from '../../shared/transport';
import type { Operation } from './utils';
import { applyLimit, campaignIdParameter, requiredString } from './utils';

const getSessions: Operation = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const contact = String(this.getNodeParameter('contact', itemIndex, '') ?? '').trim();
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.chatSessions(campaignId),
		notFound: `Campaign "${campaignId}"`,
	});
	let sessions = toList(answer).map((raw) => normalizeChatSession(raw, campaignId));
	if (contact) {
		// Atlas has no contact filter: match here, ignoring phone-number punctuation and case.
		const wanted = contactKey(contact);
		sessions = sessions.filter(
			(session) => typeof session.customerNumber === 'string' && contactKey(session.customerNumber) === wanted,
		);
	}
	return applyLimit(this, itemIndex, sessions);
};

const getMessages: Operation = async function (this, itemIndex) {
	const sessionId = requiredString(
		this,
		'sessionId',
		itemIndex,
		'Session ID',
		'Enter the ID of the chat session, or map the ID of a session from the Get Sessions operation.',
	);
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.chatMessages(sessionId),
		notFound: `Chat session "${sessionId}"`,
	});
	return toList(answer).map((raw) => normalizeChatMessage(raw, sessionId));
};

export const chatOperations: Record<string, Operation> = { getSessions, getMessages };
