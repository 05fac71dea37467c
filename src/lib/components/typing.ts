/** Whether a key press goes to a text field, select or editable element (page-wide shortcuts then stay out of its way). */
export function typing(target: EventTarget | null): boolean {
	const el = target as HTMLElement | null;
	if (!el) return false;
	const tag = el.tagName;
	return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el.isContentEditable;
}
