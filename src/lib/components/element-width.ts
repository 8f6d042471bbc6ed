import type { Attachment } from 'svelte/attachments';

type Listener = (width: number) => void;
const listeners = new WeakMap<Element, Listener>();
let observer: ResizeObserver | undefined;

/**
 * The width of an element's content box, as ResizeObserver reports it after each layout. Never
 * read on the spot: `bind:clientWidth` reads `clientWidth` as each chart mounts, and with a dozen
 * charts mounting in one update each read forced a layout of the whole page (with the scroll
 * regions' reads, about a quarter of the main thread's time drawing the dashboard). The observer
 * reports every element's size together, once layout is done, before the frame is painted. One
 * observer serves every chart on the page.
 */
export function elementWidth(set: Listener): Attachment<HTMLElement> {
	return (node) => {
		observer ??= new ResizeObserver((entries) => {
			for (const entry of entries)
				listeners.get(entry.target)?.(Math.round(entry.contentRect.width));
		});
		listeners.set(node, set);
		observer.observe(node);
		return () => {
			observer?.unobserve(node);
			listeners.delete(node);
		};
	};
}
