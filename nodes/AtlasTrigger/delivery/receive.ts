import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../shared/atlas/events';
import { EVENT_PARAM, TOKEN_PARAM } from '../activation/hookUrl';
import type { TriggerState } from '../activation/state';
import { checkAndRecord } from '../dedupe/dedupe';
import type { DedupeSettings } from '../dedupe/dedupe';
import { readReceiveOptions, readTriggerParameters } from '../parameters';
import { SAMPLE_PARAM } from '../sample/envelope';
import { receiveSample } from '../sample/receive';
import { authorise } from './authorise';
import { readDelivery } from './body';
import { answerThenEmit } from './emit';
import type { DeliveredEvent } from './model';
import { modelDelivery } from './model';
import type { DeliveryReport } from './reply';
import { emptyReport, refuse, reply } from './reply';

/*
 * One delivery, in the order it travels: authorise → read the body → model each event →
 * drop duplicates → answer Atlas → enrich → emit (docs/ARCHITECTURE.md, "Deliveries").
 */

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const query = this.getQueryData() as IDataObject;
	if (!(await authorise(this, state, query))) {
		return refuse(
			this,
			401,
			'rejected a delivery without a valid token',
			'This address accepts only deliveries from the Atlas subscription it made.',
			{
				node: this.getNode().name,
				tokenPresent: query[TOKEN_PARAM] !== undefined,
			},
		);
	}
	const body = readDelivery(this);
	if (!body.ok) return refuse(this, 400, body.log, body.message);
	if (query[SAMPLE_PARAM] !== undefined) return await receiveSample(this, body.value);

	const { events: selectedEvents, campaignIds } = readTriggerParameters(this);
	const event = typeof query[EVENT_PARAM] === 'string' ? query[EVENT_PARAM] : '';
	const report = emptyReport(body.events.length);
	if (!selectedEvents.includes(event)) {
		// a subscription this trigger no longer wants (or a stale one): acknowledge, run nothing
		report.ignored = body.events.length;
		return reply(this, 200, report);
	}

	const options = readReceiveOptions(this);
	const campaigns = campaignIds.includes(ALL_CAMPAIGNS) ? undefined : new Set(campaignIds);
	const modelled = modelDelivery(event, body.events, { ...options, campaigns }, report);
	const kept = options.dedupe
		? dropDuplicates(this, state, modelled, options.dedupe, report)
		: modelled;
	report.accepted = kept.filter((entry) => entry.dedupeKey !== undefined).length;
	const meta = { workflowId: this.getWorkflow().id, event };
	if (body.deepEvents > 0) {
		this.logger.warn(
			`Atlas Trigger: ${body.deepEvents} event(s) of a delivery nest fields too deep for n8n to store; those parts are kept as JSON text (see the item's depthNote)`,
			meta,
		);
	}
	if (report.invalid > 0) {
		this.logger.warn(
			`Atlas Trigger: ${report.invalid} of ${report.received} event(s) in a delivery could not be read` +
				(options.onInvalidEvent === 'emit' ? ' (emitted with an "error" field)' : ' (skipped)'),
			meta,
		);
	}
	return await answerThenEmit(this, report, kept, options, meta);
}

/** The events not seen before in this trigger's de-dup window; the new ones are recorded at once. */
function dropDuplicates(
	ctx: IWebhookFunctions,
	state: TriggerState,
	delivered: DeliveredEvent[],
	settings: DedupeSettings,
	report: DeliveryReport,
): DeliveredEvent[] {
	// per node and mode: a test event never makes the production delivery of it a duplicate
	const scope = `${ctx.getWorkflow().id}|${ctx.getNode().name}|${ctx.getMode()}`;
	const duplicate = checkAndRecord(
		state,
		scope,
		delivered.map((entry) => entry.dedupeKey),
		settings,
	);
	const kept = delivered.filter((_, index) => !duplicate[index]);
	report.duplicates = delivered.length - kept.length;
	return kept;
}
