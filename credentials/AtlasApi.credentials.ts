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

	icon: Icon = {
		light: 'file:../nodes/Atlas/atlas.svg',
		dark: 'file:../nodes/Atlas/atlas.dark.svg',
	};

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

	// The campaign list is the cheapest authenticated GET Atlas offers. HTTP errors are read as
	// answers, not thrown: n8n 1.x loses the status of a thrown error and would show only its
	// own generic text. Atlas's error bodies carry `statusCode`, which the rules below match.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/campaign',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 401,
					message:
						'The API key was rejected by Atlas. Copy the key again from Atlas > Settings > API Keys and paste it here.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 403,
					message:
						'The API key was rejected by Atlas (forbidden). Copy the key again from Atlas > Settings > API Keys and paste it here.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 404,
					message:
						'Atlas answered "not found" for the campaign list. Check the Base URL: for Atlas it is https://api.youratlas.com/v1/api.',
				},
			},
			...[500, 502, 503, 504].map((status) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'statusCode',
					value: status,
					message: `Atlas had an internal error (HTTP ${status}). Try again in a few minutes.`,
				},
			})),
		],
	};
}
