/** One bound CQL statement, for repositories that contribute writes to another repository's batch. */
export interface CqlStatement {
  readonly query: string;
  readonly params: unknown[];
}
