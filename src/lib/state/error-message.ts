import { errorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages';
import { outOfMemoryMessage } from '../engine/out-of-memory';

/** An error as one line, never a wall of text (a huge field or header quoted by an engine error). */
export function errorMessage(e: unknown): string {
	const outOfMemory = outOfMemoryMessage(e);
	if (outOfMemory) return outOfMemory;
	const text = errorText(e).split('\n')[0];
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** An error as the page shows it: the engine's words, or a catalogue text in the page's language. */
export type ShownError = string | { key: MessageKey; vars?: Record<string, string | number> };
