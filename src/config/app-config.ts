import { Replication } from './replication';

/** JSON lines, human-readable lines (pino-pretty), or pretty in a terminal outside production (auto). */
export type LogFormat = 'auto' | 'json' | 'pretty';

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  readonly logFormat: LogFormat;
  /** Proxies in front of the service whose X-Forwarded-For is believed, for the client address. */
  readonly trustProxyHops: number;
  /** The longest a request may take: no statement is issued for it after that, and it is answered 503. */
  readonly requestDeadlineMs: number;
  /** Requests served at once; one more is answered 503 with Retry-After at once (load shedding). */
  readonly maxInFlightRequests: number;
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

/** A trusted backend's key: its name (for logs) and the SHA-256 of its secret, compared in constant time. */
export interface ApiKey {
  readonly name: string;
  readonly secretSha256: Buffer;
}

export interface AuthConfig {
  /** HMAC secret of the access tokens (HS256). */
  readonly jwtSecret: string;
  /** True when no secret was configured and a random one was made for this process (development only). */
  readonly jwtSecretGenerated: boolean;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly clockToleranceSeconds: number;
  readonly apiKeys: readonly ApiKey[];
}

export interface SecurityConfig {
  /** Origins allowed by CORS; empty means CORS is off. */
  readonly corsOrigins: readonly string[];
  readonly docsEnabled: boolean;
  /** Requests per minute. */
  readonly authRateLimitPerAddress: number;
  readonly authRateLimitPerUsername: number;
  readonly sendRateLimitPerUser: number;
  readonly uploadRateLimitPerUser: number;
}

export interface MessagesConfig {
  /** Messages after which a conversation's message bucket closes (it also closes at the end of its day). */
  readonly bucketMaxMessages: number;
}

export interface RealtimeConfig {
  /** Redis for socket events across instances; unset, each instance delivers to its own sockets only. */
  readonly redisUrl?: string;
}

export interface AttachmentsConfig {
  /** The largest file an upload may hold; a larger body is refused with 413. */
  readonly maxBytes: number;
  /** How long an uploaded file that no message carries is kept. */
  readonly unsentTtlSeconds: number;
  /** The longest an upload may stream; one that takes longer is cut and stores nothing. */
  readonly uploadTimeoutMs: number;
  /** How often this instance sweeps the chunks of unsent files; 0: never (another instance does). */
  readonly sweepIntervalMs: number;
}

/** The validated configuration, read through ConfigService<AppConfig, true> with { infer: true }. */
export interface AppConfig {
  readonly http: HttpConfig;
  readonly cassandra: CassandraConfig;
  readonly auth: AuthConfig;
  readonly security: SecurityConfig;
  readonly messages: MessagesConfig;
  readonly realtime: RealtimeConfig;
  readonly attachments: AttachmentsConfig;
}
