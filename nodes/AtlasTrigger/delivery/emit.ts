import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { present } from '../../shared/model/simplify';
import type { ReceiveOptions } from '../parameters';
import type { DeliveredEvent } from './model';
import { enrich, wantsEnrichment } from './enrich';
import type { DeliveryReport } from './reply';
import { reply } from './reply';

/**
 * Answers the delivery first (Atlas gets its 200 at once), then enriches the items when an
 * option asks for it, then starts the execution. The answer stays `noWebhookResponse`, so n8n
 * still saves static data however long enrichment takes.
 */
export async function answerThenEmit(
	ctx: IWebhookFunctions,
	report: DeliveryReport,
	delivered: DeliveredEvent[],
	options: ReceiveOptions,
	meta: IDataObject,
): Promise<IWebhookResponseData> {
	const enriching =
		wantsEnrichment(options) && delivered.some((entry) => entry.callId !== undefined);
	if (enriching && options.fetchCallRecord)
		report.toConfirm = delivered.filter((entry) => entry.callId !== undefined).length;
	reply(ctx, 200, report);
	const { view } = options;
	// Simplify applies last, to the event and to what enrichment added (callRecord)
	const items = enriching
		? (await enrichAndLog(ctx, report, delivered, options, meta)).map((item) =>
				view === 'both' ? item : { ...item, json: present(item.json, view) },
			)
		: delivered.map((entry) => ({ json: present(entry.item, view) }));
	return items.length > 0
		? { noWebhookResponse: true, workflowData: [items] }
		: { noWebhookResponse: true };
}

async function enrichAndLog(
	ctx: IWebhookFunctions,
	report: DeliveryReport,
	delivered: DeliveredEvent[],
	options: ReceiveOptions,
	meta: IDataObject,
): Promise<INodeExecutionData[]> {
	const result = await enrich(ctx, delivered, options);
	const { unconfirmed, lookupFailed, recordingFailed, bookingsFailed } = result.report;
	if (unconfirmed > 0) {
		ctx.logger.warn(
			`Atlas Trigger: dropped ${unconfirmed} of ${report.accepted} event(s) of a delivery: Atlas does not know their call (404; Drop Events Atlas Does Not Confirm)`,
			{ ...meta, received: report.received, accepted: report.accepted, unconfirmed },
		);
	}
	if (lookupFailed > 0 || recordingFailed > 0) {
		ctx.logger.warn(
			`Atlas Trigger: ${lookupFailed} call lookup(s) and ${recordingFailed} recording download(s) failed; the events are emitted with callRecordError / recordingError`,
			meta,
		);
	}
	if (bookingsFailed > 0) {
		ctx.logger.warn(
			`Atlas Trigger: the bookings of ${bookingsFailed} call(s) could not be read; the events are emitted with bookingsError`,
			meta,
		);
	}
	return result.items;
}
