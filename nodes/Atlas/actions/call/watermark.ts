import type { IDataObject } from 'n8n-workflow';

/**
 * Get Many Since Last Run's mark for one campaign, in the node's static data: calls that ended
 * after `since` are new, except those in `seen` (call id → end time) already output.
 */
export interface Watermark extends IDataObject {
	since: string;
	seen: IDataObject;
}
