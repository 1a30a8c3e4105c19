import type { IDataObject } from 'n8n-workflow';

/**
 * A "Get Many Since Last Run" mark for one campaign (calls, bookings; see marks.ts): records
 * after `since` are new, except those in `seen` (id → time) already output. Apart from marks.ts
 * so that operation.ts (which stages marks) and marks.ts import no circle.
 */
export interface Watermark extends IDataObject {
	since: string;
	seen: IDataObject;
}
