// The workflow of the Knowledge Sync e2e suite and its README screenshot: Webhook (POST {glob})
// → Read/Write Files from Disk (the files matching glob) → Atlas Knowledge > Sync into cmp_sales
// (files not in the input detached, at most 3). Always Output Data on the read: an empty folder
// reaches Sync as one item without a file, as a Drive node that found nothing would.
import type { Credential, WorkflowJson } from '../rig';
import { chain, rl, webhookNode } from './workflows';

export const SYNC_NODE = 'Sync knowledge';

export function knowledgeSyncWorkflow(
	name: string,
	path: string,
	credential: Credential,
): WorkflowJson {
	return {
		name,
		nodes: [
			webhookNode(path),
			{
				name: 'Read Files',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 0],
				alwaysOutputData: true,
				parameters: { operation: 'read', fileSelector: '={{ $json.body.glob }}', options: {} },
			},
			{
				name: SYNC_NODE,
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 2,
				position: [440, 0],
				parameters: {
					resource: 'knowledge',
					operation: 'sync',
					campaign: rl('cmp_sales'),
					removal: 'detach',
					maxRemovals: 3,
					syncOptions: {},
				},
				credentials: { atlasApi: credential },
			},
		],
		connections: chain(['Webhook', 'Read Files', SYNC_NODE]),
	};
}
