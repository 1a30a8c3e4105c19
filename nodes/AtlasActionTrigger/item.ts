import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { FIELD_ALIASES } from '../shared/atlas/fields';
import { foldRecord, isRecord, pick, pickString } from '../shared/model/read';
import { orNull } from '../shared/model/values';
import type { ParameterProblem } from './parameters';
import { problemWords } from './parameters';
import { NOT_JSON } from './respond';

/*
 * One action call as one item: the call's context (who is on the phone), every parameter at the
 * top level so `{{ $json.date }}` works, the original `parameters`, and the action's name when
 * the pasted URL carries it (`?action=`). Atlas's body is documented [doc] as
 * `{callId, campaignId, customerPhoneNumber, customerName, parameters}`; it is read tolerantly
 * (any casing, the aliases of shared/atlas/fields.ts) all the same.
 */

/** The query parameter that names the action in the URL pasted into Atlas. */
export const ACTION_QUERY = 'action';

/** The fields of the call's context: never overwritten by a parameter of the same name. */
export const CONTEXT_FIELDS = [
	'callId',
	'campaignId',
	'customerPhoneNumber',
	'customerName',
	'actionName',
] as const;

/** What came in: the JSON body (any method), and the query for GET (parameters travel there). */
export interface ActionRequest {
	body: unknown;
	query: IDataObject;
	method: string;
}

/** The body's fields by folded name (any casing): built once per call, read by both below. */
export function foldedBody(request: ActionRequest): Map<string, unknown> {
	return foldRecord(isRecord(request.body) ? request.body : {});
}

/** The `parameters` object of a call: the body's, else (GET) the query without `action`. */
export function receivedParameters(
	request: ActionRequest,
	folded: Map<string, unknown> = foldedBody(request),
): IDataObject {
	const fromBody = pick(folded, 'parameters', 'params', 'arguments');
	if (isRecord(fromBody)) return fromBody;
	if (typeof fromBody === 'string') {
		const parsed = jsonParse<unknown>(fromBody, { fallbackValue: NOT_JSON });
		if (isRecord(parsed) && parsed !== NOT_JSON) return parsed;
	}
	if (request.method === 'GET') {
		const rest: IDataObject = {};
		for (const [name, value] of Object.entries(request.query))
			if (name !== ACTION_QUERY) rest[name] = value;
		return rest;
	}
	return {};
}

export function actionItem(
	request: ActionRequest,
	values: IDataObject,
	problems: ParameterProblem[] = [],
	folded: Map<string, unknown> = foldedBody(request),
	parameters: IDataObject = receivedParameters(request, folded),
): IDataObject {
	const action = request.query[ACTION_QUERY];
	const item: IDataObject = {
		callId: orNull(pickString(folded, ...FIELD_ALIASES.callId)),
		campaignId: orNull(pickString(folded, ...FIELD_ALIASES.campaignId)),
		customerPhoneNumber: orNull(pickString(folded, ...FIELD_ALIASES.customerPhoneNumber)),
		customerName: orNull(pickString(folded, 'customerName', 'contactName')),
		actionName: typeof action === 'string' && action.trim() !== '' ? action.trim() : null,
	};
	for (const [name, value] of Object.entries(values)) {
		if (!(CONTEXT_FIELDS as readonly string[]).includes(name) && name !== 'parameters')
			item[name] = value;
	}
	item.parameters = parameters;
	if (problems.length) {
		item.error = problemWords(problems);
		item.parameterProblems = problems.map((p) => ({
			name: p.name,
			problem: p.problem,
			expected: p.expected,
		}));
	}
	return item;
}
