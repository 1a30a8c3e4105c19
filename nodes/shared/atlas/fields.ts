/*
 * The names Atlas may use for each field we normalise, in order of preference. Matching
 * ignores case, `_` and `-` (see read.ts), so `callId`, `CallId` and `call_id` are one name.
 * Names marked [guess] in the reference are listed with their plausible alternatives; this
 * is the one place to change when Atlas's real payloads are known.
 */
export const FIELD_ALIASES = {
	// identities
	callId: ['callId', 'call', 'id', 'RowKey'],
	campaignId: ['campaignId', 'campaign'],
	messageId: ['messageId', 'msgId', 'id', 'RowKey'],
	// a campaign record's own id, a chat message's session
	campaignRecordId: ['id', 'campaignId', 'RowKey'],
	sessionId: ['sessionId', 'chatSessionId', 'id', 'RowKey', 'AIProviderSessionId'],
	messageSessionId: ['sessionId', 'chatSessionId'],
	subscriptionId: ['id', 'subscriptionId', 'RowKey'],
	// people
	customerPhoneNumber: [
		'customerPhoneNumber',
		'customerNumber',
		'phoneNumber',
		'customerPhone',
		'contactIdentification',
		'contact',
	],
	customerName: ['customerName', 'contactName', 'name'],
	// a chat contact: a phone number, an email or an Apple ID [live]
	contact: [
		'customerNumber',
		'contactIdentification',
		'contact',
		'customerPhoneNumber',
		'phoneNumber',
		'contactIdentifier',
	],
	// call results (call_completed) [guess for every key name]
	summary: ['summary', 'callSummary'],
	transcript: ['transcript', 'callTranscript'],
	turns: ['messages', 'conversation', 'turns'],
	recordingUrl: ['recordingUrl', 'audioUrl', 'recording', 'recordingUri'],
	status: ['status', 'callStatus'],
	endedReason: ['endedReason', 'endReason'],
	durationSeconds: ['durationSeconds', 'duration', 'callDuration', 'durationInSeconds'],
	startedAt: ['startedAt', 'startTime', 'startedTime', 'callStartedAt'],
	endedAt: ['endedAt', 'endTime', 'endedTime', 'callEndedAt'],
	direction: ['direction', 'callDirection', 'callType', 'type'],
	successResult: ['successResult', 'success', 'successEvaluation'],
	// chat messages [doc: receivedAt / sentAt; guess: text and id]
	message: ['message', 'text', 'content', 'body'],
	channel: ['channel', 'source'],
	receivedAt: ['receivedAt'],
	sentAt: ['sentAt'],
	time: ['timestamp', 'createdAt', 'Timestamp', 'time', 'date'],
	role: ['role', 'sender', 'from'],
	turnTime: ['time', 'timestamp', 'createdAt', 'date'],
	// chat sessions [live: the title is spelled `Tittle`]
	title: ['title', 'Tittle'],
	// campaigns and webhooks
	name: ['name', 'BusinessName', 'campaignName', 'title'],
	hookUrl: ['hookUrl', 'url', 'webhookUrl', 'targetUrl'],
	// [guess] a campaign's kind (`voice` / `chat`): Erase a Contact skips chat lookups of voice ones
	campaignType: ['campaignType', 'type', 'CampaignType'],
	triggerName: ['triggerName', 'event', 'eventName', 'trigger'],
	provider: ['provider'],
	// scheduled calls (Call > Schedule's answer [live], GET /call/scheduled [guess for every name])
	sequenceNumber: ['sequenceNumber', 'sequence', 'scheduleId', 'id', 'RowKey'],
	scheduledAt: ['scheduledDate', 'scheduledAt', 'scheduledTime', 'scheduleDate', 'callAt'],
	createdAt: ['createdAt', 'created', 'Timestamp'],
	// a new chat session (Start SMS Conversation) [live: sessionId, SessionId or RowKey]
	newSessionId: ['sessionId', 'chatSessionId', 'RowKey', 'id'],
} as const;

export type FieldName = keyof typeof FIELD_ALIASES;
