import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../../shared/model/read';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';

/*
 * Answers the agent that called an Atlas Action Trigger (Respond: Using 'Answer the Agent'
 * Node), then passes its items on, so the workflow can go on (update a CRM...) after the agent
 * has its answer. n8n's Respond to Webhook node refuses to run without a Webhook, Form, Chat or
 * Wait node upstream; this answers through `sendResponse()`, which every node's execute
 * context has, on 1.x and 2.x. Only the first item of an execution answers: an HTTP request is
 * answered once.
 */

const show = showFor('action', 'answer');

export const description: INodeProperties[] = [
	{
		displayName: 'Answer With',
		name: 'answerWith',
		type: 'options',
		options: [
			{
				name: 'Incoming Item',
				value: 'item',
				description: "The first incoming item's JSON, as it is",
			},
			{ name: 'JSON', value: 'json', description: 'A JSON object you write (expressions allowed)' },
			{
				name: 'Text',
				value: 'text',
				description: 'A sentence for the agent, sent as {"message": "..."}',
			},
		],
		default: 'item',
		displayOptions: show,
		description: 'What the agent gets. It is always sent as 200 with a JSON body.',
	},
	{
		displayName: 'Answer',
		name: 'answerJson',
		type: 'json',
		default: '{\n  "available": true,\n  "slots": ["10:00", "14:30"]\n}',
		displayOptions: { show: { ...show?.show, answerWith: ['json'] } },
		description: 'Short, plainly named fields work best: the agent reads them as they are',
	},
	{
		displayName: 'Message',
		name: 'answerText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'Tuesday at 10:00 and 14:30 are free.',
		displayOptions: { show: { ...show?.show, answerWith: ['text'] } },
		description: 'What the agent should know, in a sentence',
	},
];

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const item = this.getInputData()[itemIndex]?.json ?? {};
	if (run.answered) return [item];
	const answerWith = this.getNodeParameter('answerWith', itemIndex, 'item') as string;
	let body: IDataObject;
	if (answerWith === 'text') {
		body = { message: String(this.getNodeParameter('answerText', itemIndex, '')) };
	} else if (answerWith === 'json') {
		const raw = this.getNodeParameter('answerJson', itemIndex, '{}') as unknown;
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				throw new NodeOperationError(this.getNode(), 'The Answer is not valid JSON', {
					itemIndex,
					description:
						'Write a JSON object, e.g. {"available": true}, or choose Answer With: Text.',
				});
			}
		}
		if (!isRecord(parsed) && !Array.isArray(parsed))
			throw new NodeOperationError(this.getNode(), 'The Answer must be a JSON object', {
				itemIndex,
				description: 'Write a JSON object, e.g. {"available": true}, or choose Answer With: Text.',
			});
		body = parsed as IDataObject;
	} else {
		body = item;
	}
	// void on n8n-workflow 1.x, a promise on 2.x: awaited either way
	await Promise.resolve(
		this.sendResponse({
			body,
			headers: { 'content-type': 'application/json; charset=utf-8' },
			statusCode: 200,
		}),
	);
	run.answered = true;
	return [item];
};
