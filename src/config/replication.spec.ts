import { parseReplication, replicationCql } from './replication';

describe('parseReplication', () => {
  it.each([
    ['SimpleStrategy:1', "{'class': 'SimpleStrategy', 'replication_factor': 1}"],
    ['SimpleStrategy:3', "{'class': 'SimpleStrategy', 'replication_factor': 3}"],
    ['NetworkTopologyStrategy:dc1=3', "{'class': 'NetworkTopologyStrategy', 'dc1': 3}"],
    [
      'NetworkTopologyStrategy:eu-west=3,us_east=2',
      "{'class': 'NetworkTopologyStrategy', 'eu-west': 3, 'us_east': 2}",
    ],
  ])('accepts %s', (input, cql) => {
    expect(replicationCql(parseReplication(input))).toBe(cql);
  });

  it.each([
    'SimpleStrategy',
    'SimpleStrategy:0',
    'SimpleStrategy:x',
    'NetworkTopologyStrategy:',
    "NetworkTopologyStrategy:dc1'=3",
    'NetworkTopologyStrategy:dc1=0',
    'LocalStrategy:1',
    'SimpleStrategy:1:2',
  ])('rejects %s', (input) => {
    expect(() => parseReplication(input)).toThrow();
  });
});
