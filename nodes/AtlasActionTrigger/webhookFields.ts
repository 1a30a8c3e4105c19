// The webhook description's fields that read a node parameter (`={{$parameter["x"]}}`).
// n8n evaluates them on every call. n8n-workflow 2.41 can declare them with a native resolver
// (`fromParameter()` + `webhookDescriptionFields()`: the same template strings, plus resolvers
// under a symbol key that JSON drops, so the editor gets exactly the templates), and n8n 2.41's
// webhook service then reads the parameter directly instead of running the expression engine when
// the node's parameters hold no expression. n8n-workflow 1.x (n8n 1.123, and the package's dev
// types) has neither function, so they are looked up at run time and, when missing or not giving
// the expected template, the plain templates are used, which every n8n evaluates as before.
import * as workflow from 'n8n-workflow';

interface NativeField {
	template: string;
	resolve: (parameters: unknown) => unknown;
}
interface NativeHelpers {
	fromParameter: (path: string) => NativeField;
	webhookDescriptionFields: (fields: Record<string, NativeField>) => Record<string, string>;
}

const template = (parameter: string): string => `={{$parameter["${parameter}"]}}`;

/**
 * `{ field: '={{$parameter["parameter"]}}' }` per entry of `fields` (field -> parameter name),
 * with n8n-workflow's native resolvers attached when the running n8n-workflow has them.
 * `lib` is the n8n-workflow module to use (tests pass another version).
 */
export function parameterFields<Field extends string>(
	fields: Record<Field, string>,
	lib: unknown = workflow,
): Record<Field, string> {
	const templates = {} as Record<Field, string>;
	for (const field of Object.keys(fields) as Field[]) templates[field] = template(fields[field]);
	const native = lib as Partial<NativeHelpers>;
	if (
		typeof native.fromParameter !== 'function' ||
		typeof native.webhookDescriptionFields !== 'function'
	)
		return templates;
	const declared: Record<string, NativeField> = {};
	for (const field of Object.keys(fields) as Field[]) {
		const entry = native.fromParameter(fields[field]);
		if (entry?.template !== templates[field] || typeof entry.resolve !== 'function')
			return templates;
		declared[field] = entry;
	}
	const described = native.webhookDescriptionFields(declared);
	for (const field of Object.keys(fields) as Field[])
		if (described[field] !== templates[field]) return templates;
	return described as Record<Field, string>;
}
