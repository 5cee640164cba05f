import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', '..', 'src');

/**
 * The CQL string constants of a source file (`const NAME = '...'`, template literals included, with
 * `${OTHER_CONSTANT}` substituted), read from the repositories themselves, so the driver baseline runs
 * exactly the statements the service runs, whatever they become.
 */
function stringConstants(file: string): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const constants = new Map<string, string>();
  const evaluate = (node: ts.Expression): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const value = ts.isIdentifier(span.expression) ? constants.get(span.expression.text) : undefined;
        if (value === undefined) return undefined;
        text += value + span.literal.text;
      }
      return text;
    }
    return undefined;
  };
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const value = evaluate(declaration.initializer);
      if (value !== undefined) constants.set(declaration.name.text, value);
    }
  }
  return constants;
}

function pick<K extends string>(file: string, names: readonly K[]): Record<K, string> {
  const constants = stringConstants(path.join(SRC, file));
  const picked = {} as Record<K, string>;
  for (const name of names) {
    const value = constants.get(name);
    if (value === undefined) {
      throw new Error(
        `src/${file} no longer defines the CQL constant ${name}; update bench/driver to the new statements`,
      );
    }
    picked[name] = value;
  }
  return picked;
}

/** The statements of one send and one history read, as the repositories define them. */
export function repositoryCql() {
  return {
    ...pick('messages/messages.repository.ts', [
      'INSERT_MESSAGE',
      'INSERT_BUCKET',
      'SELECT_BUCKETS',
      'SELECT_MESSAGES',
    ] as const),
    ...pick('conversations/conversations.repository.ts', [
      'SELECT_CONVERSATION',
      'UPDATE_LAST_MESSAGE',
      'DELETE_ENTRY',
      'INSERT_ENTRY',
      'INCREMENT_MESSAGE_COUNT',
      'SELECT_MESSAGE_COUNT',
    ] as const),
  };
}

export type RepositoryCql = ReturnType<typeof repositoryCql>;
