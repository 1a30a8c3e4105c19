import type { IDataObject } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../shared/atlas/events';

/* Built-in samples: a realistic payload of each event, for when Atlas has no sample to give. */

/** Fixed, recognisable ids: a sample is never mistaken for (or de-duplicated with) a real call. */
export const SAMPLE_CALL_ID = 'call_sample_0001';
export const SAMPLE_MESSAGE_ID = 'msg_sample_0001';

/** A realistic payload of each event (camelCase, as Atlas's docs show them). */
export function builtInSample(event: string, campaignId?: string, now = Date.now()): IDataObject {
	const campaign = campaignId && campaignId !== ALL_CAMPAIGNS ? campaignId : 'cmp_sample';
	const endedAt = new Date(now - 60_000);
	const startedAt = new Date(endedAt.getTime() - 154_000);
	const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000).toISOString();
	const started: IDataObject = {
		callId: SAMPLE_CALL_ID,
		campaignId: campaign,
		customerPhoneNumber: '+14155550123',
		customerName: 'Jordan Sample',
		direction: 'inbound',
		assistantId: 'asst_sample',
		startedAt: startedAt.toISOString(),
	};
	switch (event) {
		case 'call_started':
			return started;
		case 'call_completed': {
			const messages = [
				{
					role: 'assistant',
					message: 'Thanks for calling Brightside Dental, this is Ava. How can I help?',
					time: at(1),
				},
				{ role: 'user', message: 'Hi, I would like to book a cleaning next week.', time: at(6) },
				{
					role: 'assistant',
					message: 'Of course. I have Tuesday at 10:00 or Thursday at 15:30. Which suits you?',
					time: at(11),
				},
				{ role: 'user', message: 'Thursday at 15:30, please.', time: at(19) },
				{
					role: 'assistant',
					message:
						'Done: Thursday at 15:30 with Dr. Patel. You will get a text reminder. Anything else?',
					time: at(24),
				},
				{ role: 'user', message: 'No, that is all. Thank you!', time: at(33) },
			];
			return {
				...started,
				summary:
					'Jordan called to book a dental cleaning. The assistant offered two slots and booked Thursday at 15:30 with Dr. Patel; a text reminder will be sent.',
				transcript: messages
					.map((m) => `${m.role === 'assistant' ? 'AI' : 'User'}: ${m.message}`)
					.join('\n'),
				messages,
				recordingUrl: `https://recordings.example.com/${SAMPLE_CALL_ID}.mp3`,
				status: 'completed',
				endedReason: 'customer-ended-call',
				durationSeconds: 154,
				endedAt: endedAt.toISOString(),
				successResult: 'success',
			};
		}
		case 'message_sent':
			return {
				campaignId: campaign,
				customerNumber: '+14155550123',
				customerName: 'Jordan Sample',
				channel: 'sms',
				message:
					'Hi Jordan! Yes, 12 Elm St #2 is still available from August 1. Would you like to see it?',
				messageId: SAMPLE_MESSAGE_ID,
				sentAt: new Date(now - 30_000).toISOString(),
			};
		default:
			// message_received (and anything newer: a message is the safest shape)
			return {
				campaignId: campaign,
				customerNumber: '+14155550123',
				customerName: 'Jordan Sample',
				channel: 'sms',
				message: 'Hi, is the apartment on Elm St still available?',
				messageId: SAMPLE_MESSAGE_ID,
				receivedAt: new Date(now - 30_000).toISOString(),
			};
	}
}
