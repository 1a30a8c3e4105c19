// The Action Trigger's webhook description fields (nodes/AtlasActionTrigger/webhookFields.ts):
// the same `={{$parameter[...]}}` templates for the editor on every n8n-workflow, plus native
// resolvers that n8n 2.41 uses instead of the expression engine when its n8n-workflow has them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import * as workflowV1 from 'n8n-workflow';
import * as workflowV2 from 'n8n-workflow-v2';

// '.js': tsx would otherwise resolve 'AtlasActionTrigger.node' to the codex file
import { AtlasActionTrigger } from '../../nodes/AtlasActionTrigger/AtlasActionTrigger.node.js';
import { parameterFields } from '../../nodes/AtlasActionTrigger/webhookFields';

const FIELDS = { httpMethod: 'httpMethod', responseMode: 'respond' };
const TEMPLATES = {
	httpMethod: '={{$parameter["httpMethod"]}}',
	responseMode: '={{$parameter["respond"]}}',
};
const node = (parameters: Record<string, unknown>) => ({
	id: '1',
	name: 'Atlas Action Trigger',
	type: 'n8n-nodes-atlas.atlasActionTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters,
});

describe('webhook description fields', () => {
	it('1.x n8n-workflow (no native resolvers): the plain templates', () => {
		assert.equal(typeof Reflect.get(workflowV1, 'webhookDescriptionFields'), 'undefined');
		const fields = parameterFields(FIELDS, workflowV1);
		assert.deepEqual(fields, TEMPLATES);
		assert.deepEqual(Object.getOwnPropertySymbols(fields), []);
		const [webhook] = new AtlasActionTrigger().description.webhooks!;
		assert.equal(webhook.httpMethod, TEMPLATES.httpMethod);
		assert.equal(webhook.responseMode, TEMPLATES.responseMode);
	});

	it('2.41 n8n-workflow: the same templates for the editor, resolved without the engine', () => {
		const fields = parameterFields(FIELDS, workflowV2);
		assert.equal(JSON.stringify(fields), JSON.stringify(TEMPLATES));
		assert.deepEqual(Object.fromEntries(Object.entries(fields)), TEMPLATES);
		assert.equal(Object.getOwnPropertySymbols(fields).length, 1);
		const description = { name: 'default', ...fields, path: 'action' } as never;
		assert.equal(workflowV2.webhookDescriptionIsNativelyResolvable(description), true);
		const parameters = { httpMethod: 'POST', respond: 'lastNode', options: {} };
		const resolve = (field: string, params: Record<string, unknown>) =>
			workflowV2.resolveWebhookDescriptionField(node(params) as never, description, field);
		assert.deepEqual(resolve('httpMethod', parameters), { resolved: true, value: 'POST' });
		assert.deepEqual(resolve('responseMode', parameters), { resolved: true, value: 'lastNode' });
		// an expression anywhere in the parameters: n8n falls back to the engine, as before
		const dynamic = { ...parameters, options: { fallbackAnswer: '={{ 1 }}' } };
		assert.deepEqual(resolve('httpMethod', dynamic), { resolved: false });
	});

	it('an n8n-workflow whose helpers give other templates: the plain templates', () => {
		const odd = {
			fromParameter: (p: string) => ({ template: `={{$parameter.${p}}}`, resolve: () => p }),
			webhookDescriptionFields: () => ({}),
		};
		const fields = parameterFields(FIELDS, odd);
		assert.deepEqual(fields, TEMPLATES);
		assert.deepEqual(Object.getOwnPropertySymbols(fields), []);
	});
});
