// The one secret tracker of the real-n8n suites: the api-key and every webhook token seen in a
// run, replaced by *** in everything printed, and looked for where they must never be.
import type { Emulator } from '../emulator';

/** The `token` of a hook URL ('' when it has none). */
export function tokenOf(hookUrl: string): string {
	return new URL(hookUrl).searchParams.get('token') ?? '';
}

/** Secrets seen in the run: replaced by *** in everything printed. Values under 8 characters are ignored. */
export class Secrets {
	private values = new Set<string>();

	add(value: string | null | undefined): void {
		if (value && value.length >= 8) this.values.add(value);
	}

	/** How many secrets are tracked. */
	get size(): number {
		return this.values.size;
	}

	/** Every `token` of every hookUrl the emulator holds. */
	addTokensOf(emu: Emulator): void {
		for (const s of emu.subscriptions()) this.add(tokenOf(s.hookUrl));
	}

	redact(text: string): string {
		let out = text;
		for (const v of this.values) out = out.split(v).join('***');
		return out.replace(/([?&]token=)[^&"\s]+/g, '$1***');
	}

	/** Whether any secret occurs in the text (for "n8n never logs it"). */
	leakedIn(text: string): boolean {
		return [...this.values].some((v) => text.includes(v));
	}

	/** The secrets that occur in the text, each shown as its first 3 characters and its length. */
	leaks(text: string): string[] {
		return [...this.values]
			.filter((v) => text.includes(v))
			.map((v) => `${v.slice(0, 3)}…(${v.length} chars)`);
	}
}
