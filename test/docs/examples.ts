// Checks an example workflow against the node descriptions a real n8n serves (/types/nodes.json):
// every node type and version is known, every parameter it sets exists (and is shown for the
// node's other settings, so the editor would not drop it), no required parameter is missing,
// and every connection joins two existing nodes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	type INode,
	type INodeProperties,
	type INodeTypeDescription,
	NodeHelpers,
} from 'n8n-workflow';
import { REPO_ROOT } from '../rig/paths';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	file: string;
	json: {
		name: string;
		nodes: ExampleNode[];
		connections: Record<string, { main?: Array<Array<{ node: string }>> }>;
		[key: string]: unknown;
	};
}

export function loadExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			json: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Example['json'],
		}));
}

/** Node descriptions by type, each version listed (versioned nodes have one entry per version set). */
export type Descriptions = Map<string, INodeTypeDescription[]>;

export function indexDescriptions(list: INodeTypeDescription[]): Descriptions {
	const map: Descriptions = new Map();
	for (const d of list) map.set(d.name, [...(map.get(d.name) ?? []), d]);
	return map;
}

export function describeFor(
	descriptions: Descriptions,
	type: string,
	version: number,
): INodeTypeDescription | undefined {
	return descriptions.get(type)?.find((d) => [d.version].flat().includes(version));
}

/** Problems of one example (empty = loads cleanly). */
export function checkExample(example: Example, descriptions: Descriptions): string[] {
	const problems: string[] = [];
	const { json } = example;
	if (typeof json.name !== 'string' || !json.name) problems.push('no workflow name');
	const names = new Set(json.nodes.map((n) => n.name));
	if (names.size !== json.nodes.length) problems.push('two nodes share a name');
	for (const [from, outputs] of Object.entries(json.connections ?? {})) {
		if (!names.has(from)) problems.push(`a connection starts at the unknown node "${from}"`);
		for (const output of outputs.main ?? [])
			for (const c of output ?? [])
				if (!names.has(c.node)) problems.push(`"${from}" connects to the unknown node "${c.node}"`);
	}
	for (const node of json.nodes) {
		const where = `node "${node.name}" (${node.type} v${node.typeVersion})`;
		if (!descriptions.has(node.type)) {
			problems.push(`${where}: unknown node type`);
			continue;
		}
		const description = describeFor(descriptions, node.type, node.typeVersion);
		if (!description) {
			const known = descriptions.get(node.type)!.flatMap((d) => [d.version].flat());
			problems.push(`${where}: unknown version (known: ${known.join(', ')})`);
			continue;
		}
		const params = (node.parameters ?? {}) as Record<string, unknown>;
		problems.push(
			...unknownParameters(params, description.properties, node, description).map(
				(p) => `${where}: ${p}`,
			),
		);
		const asNode = {
			id: node.name,
			position: [0, 0],
			...node,
			parameters: params,
		} as unknown as INode;
		const issues = NodeHelpers.getNodeParametersIssues(description.properties, asNode, description);
		for (const [param, messages] of Object.entries(issues?.parameters ?? {})) {
			problems.push(`${where}: parameter "${param}": ${messages.join('; ')}`);
		}
		for (const type of Object.keys(node.credentials ?? {})) {
			if (
				!(description.credentials ?? []).some((c) => c.name === type) &&
				type !== params.nodeCredentialType
			) {
				problems.push(`${where}: credential type "${type}" is not one this node uses`);
			}
		}
	}
	return problems;
}

/** Parameters set in the example that the node does not have, or hides for these settings. */
function unknownParameters(
	params: Record<string, unknown>,
	properties: INodeProperties[],
	node: ExampleNode,
	description: INodeTypeDescription,
): string[] {
	const problems: string[] = [];
	// what the editor keeps of these parameters: n8n's own resolution, defaults filled in, hidden
	// and unknown parameters dropped
	const resolved = (NodeHelpers.getNodeParameters(
		properties,
		params as never,
		true,
		false,
		{ typeVersion: node.typeVersion },
		description,
	) ?? {}) as Record<string, unknown>;
	for (const [key, value] of Object.entries(params)) {
		const candidates = properties.filter((p) => p.name === key);
		if (candidates.length === 0) {
			problems.push(`unknown parameter "${key}"`);
			continue;
		}
		const shown = candidates.filter((p) =>
			NodeHelpers.displayParameter(
				resolved as never,
				p,
				{ typeVersion: node.typeVersion },
				description,
			),
		);
		if (shown.length === 0 || !(key in resolved)) {
			problems.push(`parameter "${key}" is hidden for these settings (the editor would drop it)`);
			continue;
		}
		const property = shown[0];
		if (property.type === 'collection' && value && typeof value === 'object') {
			const options = (property.options ?? []) as INodeProperties[];
			for (const sub of Object.keys(value))
				if (!options.some((o) => o.name === sub)) problems.push(`"${key}" has no option "${sub}"`);
		}
		if (property.type === 'fixedCollection' && value && typeof value === 'object') {
			const groups = (property.options ?? []) as Array<{ name: string; values: INodeProperties[] }>;
			for (const [groupName, entries] of Object.entries(value)) {
				const group = groups.find((g) => g.name === groupName);
				if (!group) {
					problems.push(`"${key}" has no group "${groupName}"`);
					continue;
				}
				for (const entry of [entries].flat() as Array<Record<string, unknown>>) {
					for (const field of Object.keys(entry ?? {}))
						if (!group.values.some((v) => v.name === field))
							problems.push(`"${key}.${groupName}" has no field "${field}"`);
				}
			}
		}
		if (
			property.type === 'options' &&
			typeof value === 'string' &&
			!value.startsWith('=') &&
			!property.typeOptions?.loadOptionsMethod
		) {
			const values = ((property.options ?? []) as Array<{ value: unknown }>).map((o) => o.value);
			if (!values.includes(value))
				problems.push(`"${key}" = "${value}" is not one of ${values.join(', ')}`);
		}
	}
	return problems;
}
