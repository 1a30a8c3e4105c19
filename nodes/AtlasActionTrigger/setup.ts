import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readmeLink } from '../shared/util/readme';
import { readHeaderSecret, secretProblem } from './auth';
import type { DeclaredParameter } from './parameters';
import { readDeclared } from './parameters';

/*
 * What to enter in the Atlas portal (Global Actions > Create tool > Create from scratch [doc])
 * for this trigger. The node shows the steps as a notice; `portalForm` writes them out for a
 * given configuration (README and tests use it, so the two never drift apart).
 */

/** The notice is HTML: a placeholder is written &lt;name&gt;, never <name> (it would vanish). */
export const SETUP_NOTICE = [
	'<b>Set it up in Atlas</b>: Global Actions &gt; Create tool &gt; Create from scratch.',
	'1. <b>URL</b>: the Production URL shown above under Webhook URLs (the Test URL while you test the workflow in the editor). Optional: add ?action=&lt;name&gt; so items say which action called.',
	'2. <b>Method</b>: the HTTP Method chosen here.',
	'3. <b>Headers</b>: the Header Name and Header Value of the credential (for a bearer token: Authorization and Bearer &lt;token&gt;).',
	'4. <b>Parameters</b>: one per parameter below, with the same name, type, required flag and description.',
	'5. <b>Synchronous Mode</b>: on (off only with Respond: Immediately). <b>Timeout</b>: longer than Fallback After (Seconds).',
	`6. Attach the tool to your campaign. ${readmeLink('set-it-up-in-atlas-step-by-step', 'Step by step, with screenshots')}`,
].join('<br>');

export interface SetupInput {
	productionUrl: string;
	actionName?: string;
	method: string;
	headerName?: string;
	declared: DeclaredParameter[];
	synchronous: boolean;
	fallbackAfterSeconds?: number;
}

/** The portal's form, field by field, for one configuration. */
export function portalForm(input: SetupInput): Array<[field: string, value: string]> {
	const url = input.actionName
		? `${input.productionUrl}?action=${encodeURIComponent(input.actionName)}`
		: input.productionUrl;
	const rows: Array<[string, string]> = [
		['Name', input.actionName ?? '(letters, digits and spaces)'],
		['URL', url],
		['Method', input.method],
		[
			'Headers',
			input.headerName ? `${input.headerName}: <the credential's Header Value>` : '(none)',
		],
		['Synchronous Mode', input.synchronous ? 'on' : 'off'],
		[
			'Timeout',
			input.fallbackAfterSeconds
				? `more than ${input.fallbackAfterSeconds} seconds (default 30)`
				: '30 seconds (default)',
		],
	];
	for (const p of input.declared) {
		rows.push([
			`Parameter ${p.name}`,
			`type ${p.type}, ${p.required ? 'required' : 'optional'}${p.description ? `, "${p.description}"` : ''}`,
		]);
	}
	return rows;
}

/**
 * Activation (and "Listen for test event"): nothing is registered in Atlas (no API creates an
 * action [doc]), so `create` checks what it can, the credential's secret, failing activation
 * with words when it cannot guard the action, and logs the portal form with this workflow's URL.
 */
export async function prepare(this: IHookFunctions): Promise<boolean> {
	const authentication = this.getNodeParameter('authentication', 'headerAuth') as string;
	let headerName: string | undefined;
	if (authentication !== 'none') {
		const secret = readHeaderSecret(await this.getCredentials('atlasActionApi'));
		const problem = secretProblem(secret);
		if (problem)
			throw new NodeOperationError(
				this.getNode(),
				`The Atlas Action credential cannot be used: ${problem}`,
				{
					description:
						'Open the credential of the Atlas Action Trigger, fix it, and publish (n8n 1.x: activate) the workflow again.',
				},
			);
		headerName = secret.headerName;
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const form = portalForm({
		productionUrl: this.getNodeWebhookUrl('default') ?? '',
		method: this.getNodeParameter('httpMethod', 'POST') as string,
		headerName,
		declared: readDeclared(this.getNodeParameter('declaredParameters', {})),
		synchronous: this.getNodeParameter('respond', 'lastNode') !== 'onReceived',
		fallbackAfterSeconds: Number(options.fallbackAfterSeconds ?? 25) || undefined,
	});
	this.logger.info(
		`Atlas Action Trigger "${this.getNode().name}": in Atlas, Global Actions > Create tool, enter ` +
			form.map(([field, value]) => `${field}: ${value}`).join(' | '),
	);
	return true;
}
