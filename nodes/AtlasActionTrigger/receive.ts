import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readHeaderSecret, secretMatches } from './auth';
import type { ActionRequest } from './item';
import { actionItem, foldedBody, receivedParameters } from './item';
import { checkParameters, problemAnswer, readDeclared } from './parameters';
import type { AnswerableResponse } from './respond';
import {
	DEFAULT_EMPTY_ANSWER,
	DEFAULT_ERROR_ANSWER,
	DEFAULT_FALLBACK_ANSWER,
	DEFAULT_RECEIVED_ANSWER,
	guardResponse,
	jsonAnswer,
} from './respond';

/*
 * One action call: authenticate (401, no execution), check the declared parameters (the agent
 * is told what is missing, no execution), build the item, then answer as Respond says:
 * at once (the node answers, then the workflow runs), or through n8n when the last node
 * finishes / an Answer the Agent node answers, with the response guarded (respond.ts) and an
 * optional fallback answer after N seconds.
 */

const UNAUTHORISED = {
	ok: false,
	error: 'unauthorized',
	message: 'This action needs the secret header set on the action in Atlas.',
};

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();

	if (this.getNodeParameter('authentication', 'headerAuth') !== 'none') {
		const secret = readHeaderSecret(await this.getCredentials('atlasActionApi'));
		if (!secretMatches(secret, req.headers)) {
			res.status(401).json(UNAUTHORISED);
			return { noWebhookResponse: true };
		}
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const request: ActionRequest = {
		body: req.body,
		query: (req.query ?? {}) as IDataObject,
		method: req.method,
	};
	// the body is folded (any casing) once: its parameters and the item both read it
	const folded = foldedBody(request);
	const parameters = receivedParameters(request, folded);
	const declared = readDeclared(this.getNodeParameter('declaredParameters', {}));
	const { values, problems } = checkParameters(declared, parameters);
	if (problems.length && options.onInvalidParameters !== 'run') {
		res.status(200).json(problemAnswer(problems));
		return { noWebhookResponse: true };
	}
	const item = actionItem(request, values, problems, folded, parameters);
	const workflowData: INodeExecutionData[][] = [[{ json: item }]];

	const respond = this.getNodeParameter('respond', 'lastNode') as string;
	if (respond === 'onReceived') {
		res.status(200).json(jsonAnswer(options.immediateAnswer, DEFAULT_RECEIVED_ANSWER));
		return { noWebhookResponse: true, workflowData };
	}

	const error = jsonAnswer(options.errorAnswer, DEFAULT_ERROR_ANSWER);
	const guard = guardResponse(res as unknown as AnswerableResponse, {
		empty: jsonAnswer(options.emptyAnswer, DEFAULT_EMPTY_ANSWER),
		error,
		unanswered: respond === 'responseNode' ? error : undefined,
	});
	const seconds = Number(options.fallbackAfterSeconds ?? 25);
	if (Number.isFinite(seconds) && seconds > 0) {
		const fallback = jsonAnswer(options.fallbackAnswer, DEFAULT_FALLBACK_ANSWER);
		// the timer cannot be cancelled (n8n offers nodes none on 2.x): it holds only what it
		// needs for its seconds, not this call's context (workflow, execution data)
		const { logger } = this;
		void sleep(seconds * 1000).then(() => {
			if (guard.answer(fallback))
				logger.warn(
					`Atlas Action Trigger: the workflow did not answer within ${seconds} s; the agent got the Fallback Answer`,
				);
		});
	}
	return { workflowData };
}
