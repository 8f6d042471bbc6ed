/**
 * A keydown handler that runs `action` on Enter or Space, as a button does: for chart elements
 * (SVG groups with role="button") that open the deals behind their number.
 */
export function onActivateKey(action: () => void): (event: KeyboardEvent) => void {
	return (event) => {
		if (event.key !== 'Enter' && event.key !== ' ') return;
		event.preventDefault();
		action();
	};
}
