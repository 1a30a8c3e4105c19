import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class AtlasApi implements ICredentialType {
	name = 'atlasApi';

	displayName = 'Atlas API';

	icon: Icon = { light: 'file:../nodes/Atlas/atlas.svg', dark: 'file:../nodes/Atlas/atlas.dark.svg' };

	documentationUrl = 'https://apidocs.youratlas.com/api-reference/overview/api-overview';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'Paste the key from Atlas > Settings > API Keys',
			description:
				'The key of your Atlas account. Create or copy it in Atlas under Settings > API Keys. It gives full access to every campaign.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.youratlas.com/v1/api',
			placeholder: 'https://api.youratlas.com/v1/api',
			description:
				'Leave as is for Atlas. Change it only to go through a proxy or to use a local Atlas emulator for testing.',
		},
	];

	// Atlas authenticates every call with an `api-key` header.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// The campaign list is the cheapest authenticated GET Atlas offers.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/campaign',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The API key was rejected by Atlas. Copy the key again from Atlas > Settings > API Keys and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Atlas answered "not found" for the campaign list. Check the Base URL: for Atlas it is https://api.youratlas.com/v1/api.',
				},
			},
		],
	};
}
