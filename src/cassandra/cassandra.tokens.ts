import { Inject } from '@nestjs/common';

/** The connected cassandra-driver Client, bound to the service's keyspace after migrations ran. */
export const CASSANDRA_CLIENT = Symbol('CASSANDRA_CLIENT');

export const InjectCassandra = (): ParameterDecorator => Inject(CASSANDRA_CLIENT);
