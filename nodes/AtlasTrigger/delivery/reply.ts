import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** What the trigger answers Atlas for a delivery it accepted. */
export interface DeliveryReport extends IDataObject {
	received: number;
	accepted: number;
	duplicates: number;
	ignored: number;
	invalid: number;
	/** Accepted events that are checked with Atlas after this answer (Fetch Full Call Record). */
	toConfirm?: number;
}

export function emptyReport(received: number): DeliveryReport {
	return { received, accepted: 0, duplicates: 0, ignored: 0, invalid: 0 };
}

/**
 * Answers the HTTP request itself, before n8n starts any execution (`noWebhookResponse`): Atlas
 * gets its answer at once, and n8n still saves static data (docs/ARCHITECTURE.md, "Deliveries").
 */
export function reply(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** A 4xx answer, logged as a warning with the delivery's workflow. */
export function refuse(
	ctx: IWebhookFunctions,
	status: 400 | 401 | 403,
	log: string,
	message: string,
	meta: IDataObject = {},
): IWebhookResponseData {
	ctx.logger.warn(`Atlas Trigger: ${log} (${status})`, {
		workflowId: ctx.getWorkflow().id,
		...meta,
	});
	const error = status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : 'Forbidden';
	return reply(ctx, status, { error, message });
}
