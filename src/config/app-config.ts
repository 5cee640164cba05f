import { Replication } from './replication';

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

export interface CassandraConfig {
  readonly contactPoints: string[];
  readonly port: number;
  readonly keyspace: string;
  readonly localDataCenter: string;
  /** Consistency of every read and write, by name (LOCAL_QUORUM by default). */
  readonly consistency: string;
  /** Consistency of the Paxos phase of lightweight transactions. */
  readonly serialConsistency: string;
  readonly replication: Replication;
  readonly credentials?: { readonly username: string; readonly password: string };
  readonly requestTimeoutMs: number;
}

/** The validated configuration, read through ConfigService<AppConfig, true> with { infer: true }. */
export interface AppConfig {
  readonly http: HttpConfig;
  readonly cassandra: CassandraConfig;
}
