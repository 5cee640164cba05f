import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly statements: string[];
}

const FILE_NAME = /^(\d{4})__([a-z0-9_]+)\.cql$/;

/** Splits a CQL file into statements: `--` comment lines dropped, statements end with `;` at a line end. */
export function splitStatements(cql: string): string[] {
  const withoutComments = cql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export function parseMigration(fileName: string, cql: string): Migration {
  const match = FILE_NAME.exec(fileName);
  if (!match) throw new Error(`migration file "${fileName}" must be named NNNN__lower_snake_name.cql`);
  return {
    version: Number(match[1]),
    name: match[2],
    checksum: createHash('sha256').update(cql).digest('hex'),
    statements: splitStatements(cql),
  };
}

/** The versioned migrations in a folder, in order; gaps and duplicates are refused. */
export function loadMigrations(directory: string): Migration[] {
  const migrations = readdirSync(directory)
    .filter((file) => file.endsWith('.cql'))
    .sort()
    .map((file) => parseMigration(file, readFileSync(path.join(directory, file), 'utf8')));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migrations must be numbered 0001, 0002, ... without gaps; found ${migration.version} at ${index + 1}`,
      );
    }
  });
  return migrations;
}

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
