/* The events Atlas can deliver [doc], and "*", which stands for every campaign of the account. */

export const ATLAS_EVENTS = [
	'call_started',
	'call_completed',
	'message_received',
	'message_sent',
] as const;
export type AtlasEvent = (typeof ATLAS_EVENTS)[number];

export const EVENT_OPTIONS = [
	{
		name: 'Call Started',
		value: 'call_started',
		description: 'An inbound or outbound call begins',
	},
	{
		name: 'Call Completed',
		value: 'call_completed',
		description: 'A call ends, with its summary, transcript and recording',
	},
	{
		name: 'Message Received',
		value: 'message_received',
		description: 'A customer sends a chat message',
	},
	{ name: 'Message Sent', value: 'message_sent', description: 'The agent sends a chat message' },
];

export const ALL_CAMPAIGNS = '*';

export function isCallEvent(event: string): boolean {
	return event.startsWith('call_');
}
