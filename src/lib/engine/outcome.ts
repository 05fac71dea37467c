/** How a cancellable worker request ends: done with its result, or superseded / cancelled. */
export type Outcome<T> = { status: 'done'; result: T } | { status: 'cancelled' };

export const CANCELLED = { status: 'cancelled' } as const;
