import type { IDataObject } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from './fields';
import { toRecord } from './read';
import type { AtlasContext } from './transport';
import { atlasRequest, ATLAS_PATHS } from './transport';

/*
 * Sample events, for "Listen for test event" (Atlas Trigger option Send Sample When Listening):
 * Atlas's own sample for the campaign when its sample endpoint answers one (path and answer are
 * a [guess], see transport.ts), else a built-in one shaped like a real delivery. Both are raw
 * Atlas payloads: the trigger normalises them like any delivery and marks the items as samples.
 */

export type SampleSource = 'atlas' | 'built-in';

export interface SampleEvent {
	event: string;
	source: SampleSource;
	payload: IDataObject;
}

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
				{ role: 'assistant', message: 'Thanks for calling Brightside Dental, this is Ava. How can I help?', time: at(1) },
				{ role: 'user', message: 'Hi, I would like to book a cleaning next week.', time: at(6) },
				{ role: 'assistant', message: 'Of course. I have Tuesday at 10:00 or Thursday at 15:30. Which suits you?', time: at(11) },
				{ role: 'user', message: 'Thursday at 15:30, please.', time: at(19) },
				{ role: 'assistant', message: 'Done: Thursday at 15:30 with Dr. Patel. You will get a text reminder. Anything else?', time: at(24) },
				{ role: 'user', message: 'No, that is all. Thank you!', time: at(33) },
			];
			return {
				...started,
				summary:
					'Jordan called to book a dental cleaning. The assistant offered two slots and booked Thursday at 15:30 with Dr. Patel; a text reminder will be sent.',
				transcript: messages.map((m) => `${m.role === 'assistant' ? 'AI' : 'User'}: ${m.message}`).join('\n'),
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
				message: 'Hi Jordan! Yes, 12 Elm St #2 is still available from August 1. Would you like to see it?',
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

/**
 * Atlas's sample of one event, or undefined when it has none. `campaignId` `*` asks without a
 * campaign. Errors (Atlas down, endpoint unknown) are thrown: the caller falls back.
 */
export async function fetchAtlasSample(
	this: AtlasContext,
	event: string,
	campaignId: string,
): Promise<IDataObject | undefined> {
	const qs: IDataObject = { triggerName: event };
	if (campaignId && campaignId !== ALL_CAMPAIGNS) qs.campaignId = campaignId;
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.samplePayload,
		qs,
		allowNotFound: true,
	});
	// one event object, an array of one, or a wrapped one [guess: all plausible]
	const sample = toRecord(answer);
	return sample && Object.keys(sample).length > 0 ? sample : undefined;
}

/** One sample per event: Atlas's when it answers one, else the built-in one, with the reason. */
export async function collectSamples(
	ctx: AtlasContext,
	events: string[],
	campaignId: string,
): Promise<{ samples: SampleEvent[]; fallbacks: string[] }> {
	const fallbacks: string[] = [];
	const samples = await Promise.all(
		events.map(async (event): Promise<SampleEvent> => {
			try {
				const payload = await fetchAtlasSample.call(ctx, event, campaignId);
				if (payload) return { event, source: 'atlas', payload };
				fallbacks.push(`${event}: Atlas has no sample`);
			} catch (error) {
				fallbacks.push(`${event}: ${(error as Error).message}`);
			}
			return { event, source: 'built-in', payload: builtInSample(event, campaignId) };
		}),
	);
	return { samples, fallbacks };
}
