import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/*
 * The secret an Atlas Action sends in a custom header, set on the action in the Atlas portal.
 * It guards a URL n8n serves (Atlas calls n8n), so it authenticates nothing outgoing; the node
 * tests it (`testedBy` in AtlasActionTrigger.node.ts): a header name n8n can read and a secret
 * long enough to be one.
 */
export class AtlasActionApi implements ICredentialType {
	name = 'atlasActionApi';

	// the editor's button reads "Connect to Atlas Action Secret" (n8n drops " API"); `name` stays
	displayName = 'Atlas Action Secret API';

	icon: Icon = {
		light: 'file:../nodes/AtlasActionTrigger/atlas.svg',
		dark: 'file:../nodes/AtlasActionTrigger/atlas.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-atlas/n8n-nodes-atlas#atlas-action-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Atlas-Secret',
			required: true,
			placeholder: 'X-Atlas-Secret',
			description:
				'The custom header you add to the action in Atlas (Global Actions > the action > Headers). For a bearer token enter "Authorization".',
		},
		{
			displayName: 'Header Value (Secret)',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'a long random secret, e.g. from a password manager',
			description:
				'The exact value Atlas sends in that header. For a bearer token enter "Bearer " followed by the token. Use 24 characters or more.',
		},
	];
}
