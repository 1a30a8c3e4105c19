import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { isRecord } from '../shared/model/read';

/*
 * The parameters an action declares in Atlas (name, type, required, description: the portal's
 * form) and the check of each call's `parameters` against them. Atlas's agent fills them from
 * the conversation, so values come as it understood them: a number or a yes/no may arrive as
 * text ("4", "yes"), and is read as the declared type; anything else of the wrong type is a
 * problem worded for the agent.
 */

export const PARAMETER_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export interface DeclaredParameter {
	name: string;
	type: ParameterType;
	required: boolean;
	description: string;
}

export const declaredParametersProperty: INodeProperties = {
	displayName: 'Parameters',
	name: 'declaredParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add parameter',
	default: {},
	description:
		'The parameters you give the action in Atlas (same name, type, required and description). Each call is checked against them; leave empty to take whatever Atlas sends.',
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'date',
					description: 'The parameter name exactly as in Atlas; it becomes a field of the item',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Array', value: 'array' },
						{ name: 'Boolean', value: 'boolean' },
						{ name: 'Number', value: 'number' },
						{ name: 'Object', value: 'object' },
						{ name: 'String', value: 'string' },
					],
					default: 'string',
				},
				{
					displayName: 'Required',
					name: 'required',
					type: 'boolean',
					default: true,
					description: 'Whether the action cannot be answered without it',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					placeholder: 'The day to check, as YYYY-MM-DD',
					description:
						'What the agent reads to fill it in (paste the same text into Atlas); also used to tell the agent what is missing',
				},
			],
		},
	],
};

/** The declared parameters from the node's fixedCollection; rows without a name are left out. */
export function readDeclared(raw: unknown): DeclaredParameter[] {
	const rows = isRecord(raw) && Array.isArray(raw.parameter) ? raw.parameter : [];
	const declared: DeclaredParameter[] = [];
	for (const row of rows) {
		if (!isRecord(row) || typeof row.name !== 'string' || row.name.trim() === '') continue;
		const type = PARAMETER_TYPES.includes(row.type as ParameterType)
			? (row.type as ParameterType)
			: 'string';
		declared.push({
			name: row.name.trim(),
			type,
			required: row.required !== false,
			description: typeof row.description === 'string' ? row.description.trim() : '',
		});
	}
	return declared;
}

const YES = new Set(['true', 'yes', 'y', '1']);
const NO = new Set(['false', 'no', 'n', '0']);

/** One schema per type: the declared type, or text the agent gave for it. */
const SCHEMAS: Record<ParameterType, z.ZodType> = {
	string: z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]),
	number: z.union([
		z.number().refine(Number.isFinite),
		z
			.string()
			.trim()
			.regex(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i)
			.transform(Number),
	]),
	boolean: z.union([
		z.boolean(),
		z
			.string()
			.trim()
			.toLowerCase()
			.refine((s) => YES.has(s) || NO.has(s))
			.transform((s) => YES.has(s)),
	]),
	object: z.record(z.string(), z.unknown()),
	array: z.array(z.unknown()),
};

const A_TYPE: Record<ParameterType, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
};

export interface ParameterProblem {
	name: string;
	problem: 'missing' | 'wrong type';
	expected: ParameterType;
	description: string;
}

export interface ParameterCheck {
	/** The values as read: declared ones in their type, undeclared ones as Atlas sent them. */
	values: IDataObject;
	problems: ParameterProblem[];
}

function isAbsent(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Checks a call's parameters against the declared ones (none declared: every value passes). */
export function checkParameters(declared: DeclaredParameter[], given: unknown): ParameterCheck {
	const values: IDataObject = isRecord(given) ? { ...given } : {};
	const problems: ParameterProblem[] = [];
	for (const parameter of declared) {
		const value = values[parameter.name];
		const base = {
			name: parameter.name,
			expected: parameter.type,
			description: parameter.description,
		};
		if (isAbsent(value)) {
			if (parameter.required) problems.push({ ...base, problem: 'missing' });
			continue;
		}
		const parsed = SCHEMAS[parameter.type].safeParse(value);
		if (parsed.success) values[parameter.name] = parsed.data as IDataObject[string];
		else problems.push({ ...base, problem: 'wrong type' });
	}
	return { values, problems };
}

function named(problem: ParameterProblem): string {
	return problem.description ? `${problem.name} (${problem.description})` : problem.name;
}

/** The problems in words the agent can act on: what to ask the caller for, then try again. */
export function problemWords(problems: ParameterProblem[]): string {
	const missing = problems.filter((p) => p.problem === 'missing').map(named);
	const wrong = problems
		.filter((p) => p.problem === 'wrong type')
		.map((p) => `${named(p)} must be ${A_TYPE[p.expected]}`);
	const parts: string[] = [];
	if (missing.length) parts.push(`I still need: ${missing.join('; ')}.`);
	if (wrong.length) parts.push(`Please correct: ${wrong.join('; ')}.`);
	parts.push('Ask the caller, then call this action again.');
	return parts.join(' ');
}

/** The answer the agent gets when its parameters do not pass, instead of running the workflow. */
export function problemAnswer(problems: ParameterProblem[]): IDataObject {
	return {
		ok: false,
		error: 'parameters',
		message: problemWords(problems),
		missing: problems.filter((p) => p.problem === 'missing').map((p) => p.name),
		invalid: problems.filter((p) => p.problem === 'wrong type').map((p) => p.name),
	};
}
