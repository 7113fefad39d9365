import type { Contract, RequestName } from '../../shared/messages';

/** One handler per request name: a missing handler fails type-checking. */
export type Handler<K extends RequestName> = (payload: Contract[K][0]) => Promise<Contract[K][1]>;
export type HandlerTable = { [K in RequestName]: Handler<K> };
export type PartialHandlers<K extends RequestName> = { [P in K]: Handler<P> };
