import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { invalidEventItem, modelEvent } from '../../shared/model/event';
import { extendItem } from '../../shared/model/values';
import { answerThenEmit } from '../delivery/emit';
import type { DeliveredEvent } from '../delivery/model';
import { emptyReport, refuse } from '../delivery/reply';
import { readReceiveOptions, readTriggerParameters } from '../parameters';
import { readSampleEnvelope, SAMPLE_NOTE } from './envelope';

/**
 * A sample delivery (Send Sample When Listening), trusted only with the valid token (checked
 * before) and only on the test URL: on the production URL it is refused with 403 and starts
 * nothing, so a sample never reaches a production execution. Samples skip de-duplication and
 * are marked `sample: true`.
 */
export async function receiveSample(
	ctx: IWebhookFunctions,
	value: unknown,
): Promise<IWebhookResponseData> {
	if (ctx.getMode() !== 'manual') {
		return refuse(
			ctx,
			403,
			'refused a sample delivery on the production URL',
			'Samples are accepted only on the test URL, while listening for a test event.',
		);
	}
	const samples = readSampleEnvelope(value);
	if (samples === undefined)
		return refuse(
			ctx,
			400,
			'refused a body that is not a sample delivery',
			'The body is not a sample delivery.',
		);

	const { events: selectedEvents } = readTriggerParameters(ctx);
	const options = readReceiveOptions(ctx);
	const report = emptyReport(samples.length);
	const delivered: DeliveredEvent[] = [];
	for (const sample of samples) {
		if (!selectedEvents.includes(sample.event)) {
			report.ignored++;
			continue;
		}
		const modelled = modelEvent(sample.event, sample.payload, options.output);
		if (!modelled.ok) {
			report.invalid++;
			delivered.push({
				item: invalidEventItem(sample.event, sample.payload, modelled.reason),
				event: sample.event,
			});
			continue;
		}
		report.accepted++;
		const item: IDataObject = extendItem(modelled.item, {
			sample: true,
			sampleSource: sample.source,
			sampleNote: SAMPLE_NOTE,
		});
		if (item.event === undefined) item.event = sample.event; // Output: Raw
		delivered.push({
			item,
			event: sample.event,
			callId: modelled.callId,
			sampleSource: sample.source,
		});
	}
	return await answerThenEmit(ctx, report, delivered, options, {
		workflowId: ctx.getWorkflow().id,
		sample: true,
	});
}
