import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const config = validateEnvironment({});
    expect(config.http).toEqual({ port: 8000, host: '0.0.0.0', logLevel: 'info' });
    expect(config.cassandra).toMatchObject({
      contactPoints: ['127.0.0.1'],
      port: 9042,
      keyspace: 'messenger',
      localDataCenter: 'datacenter1',
      consistency: 'LOCAL_QUORUM',
      replication: { class: 'SimpleStrategy', replicationFactor: 1 },
      credentials: undefined,
    });
  });

  it('reads comma-separated contact points and typed numbers', () => {
    const config = validateEnvironment({
      CASSANDRA_HOST: '10.0.0.1, 10.0.0.2',
      CASSANDRA_PORT: '9142',
      PORT: '3000',
    });
    expect(config.cassandra.contactPoints).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(config.cassandra.port).toBe(9142);
    expect(config.http.port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc', 'PORT'],
    ['CASSANDRA_PORT', '70000', 'CASSANDRA_PORT'],
    ['CASSANDRA_KEYSPACE', 'Bad-Name', 'CASSANDRA_KEYSPACE'],
    ['CASSANDRA_CONSISTENCY', 'SOMETIMES', 'CASSANDRA_CONSISTENCY'],
    ['CASSANDRA_REPLICATION', 'SimpleStrategy:0', 'CASSANDRA_REPLICATION'],
    ['CASSANDRA_HOST', 'a,,b', 'CASSANDRA_HOST'],
  ])('rejects %s=%s with a message naming it', (name, value, named) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(named);
  });
});
