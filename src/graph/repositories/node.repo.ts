import type { NodeLabel } from '../../domain/ids';

/** Loads nodes of one label by id. The label comes from a fixed list, never from input. */
export const nodesByIdCypher = (label: NodeLabel): string => `UNWIND $ids AS id MATCH (n:\`${label}\` {id: id}) RETURN id AS key, n`;
