import { loadMigrations, MIGRATIONS_DIR, parseMigration, splitStatements } from './migration-files';

describe('splitStatements', () => {
  it('drops comment lines and splits on semicolons at line ends', () => {
    const cql = `-- a comment; with a semicolon
CREATE TABLE a (id int PRIMARY KEY);

-- another
CREATE TABLE b (
  id int PRIMARY KEY
) WITH comment = 'x';
`;
    expect(splitStatements(cql)).toEqual([
      'CREATE TABLE a (id int PRIMARY KEY)',
      "CREATE TABLE b (\n  id int PRIMARY KEY\n) WITH comment = 'x'",
    ]);
  });
});

describe('parseMigration', () => {
  it('reads the version and name from the file name and checksums the text', () => {
    const migration = parseMigration('0007__add_things.cql', 'CREATE TABLE t (id int PRIMARY KEY);');
    expect(migration).toMatchObject({
      version: 7,
      name: 'add_things',
      statements: ['CREATE TABLE t (id int PRIMARY KEY)'],
    });
    expect(migration.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(parseMigration('0007__add_things.cql', 'CREATE TABLE t (id int PRIMARY KEY); ').checksum).not.toBe(
      migration.checksum,
    );
  });

  it.each(['7__x.cql', '0001-x.cql', '0001__X.cql'])('refuses the file name %s', (name) => {
    expect(() => parseMigration(name, '')).toThrow(/must be named/);
  });
});

describe('the shipped migrations', () => {
  it('are numbered from 0001 without gaps and contain no ALLOW FILTERING, and no index but the search one', () => {
    const migrations = loadMigrations(MIGRATIONS_DIR);
    expect(migrations.length).toBeGreaterThan(0);
    const text = migrations
      .flatMap((migration) => migration.statements)
      .join('\n')
      .toUpperCase();
    expect(text).not.toContain('ALLOW FILTERING');
    expect(text).not.toContain('CREATE INDEX');
    // The one index: Storage-Attached, on message terms, queried only within a bucket's partition.
    expect(text.match(/CREATE CUSTOM INDEX[^\n]*/g)).toEqual([
      'CREATE CUSTOM INDEX IF NOT EXISTS MESSAGES_SEARCH_TERMS ON MESSAGES_BY_CONVERSATION (VALUES(SEARCH_TERMS))',
    ]);
    expect(text).toContain("USING 'STORAGEATTACHEDINDEX'");
  });
});
