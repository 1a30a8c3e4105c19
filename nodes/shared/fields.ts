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
	sessionId: ['sessionId', 'chatSessionId', 'id', 'RowKey'],
	subscriptionId: ['id', 'subscriptionId', 'RowKey'],
	// people
	customerNumber: [
		'customerPhoneNumber',
		'customerNumber',
		'phoneNumber',
		'customerPhone',
		'contactIdentification',
		'contact',
	],
	customerName: ['customerName', 'contactName', 'name'],
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
	// campaigns and webhooks
	name: ['name', 'BusinessName', 'campaignName', 'title'],
	hookUrl: ['hookUrl', 'url', 'webhookUrl', 'targetUrl'],
	triggerName: ['triggerName', 'event', 'eventName', 'trigger'],
	provider: ['provider'],
} as const;

export type FieldName = keyof typeof FIELD_ALIASES;

export const ATLAS_EVENTS = ['call_started', 'call_completed', 'message_received', 'message_sent'] as const;
export type AtlasEvent = (typeof ATLAS_EVENTS)[number];

export const EVENT_OPTIONS = [
	{ name: 'Call Started', value: 'call_started', description: 'An inbound or outbound call begins' },
	{
		name: 'Call Completed',
		value: 'call_completed',
		description: 'A call ends, with its summary, transcript and recording',
	},
	{ name: 'Message Received', value: 'message_received', description: 'A customer sends a chat message' },
	{ name: 'Message Sent', value: 'message_sent', description: 'The agent sends a chat message' },
];

export const ALL_CAMPAIGNS = '*';
