#!/usr/bin/env node
// Offline Neo4j 5 lint of graphsvc's query files.
//
//   node .ci/cypher-lint/lint.mjs DIR_OR_FILE...
//
// Every *.cypher file found (directories are searched recursively) is linted
// with Neo4j's own linter (@neo4j-cypher/language-support, Cypher 5), in one
// node process.  Prints ONE JSON document on stdout:
//
//   {"files": [{"file": "...", "diagnostics": [{"severity": "error"|"warning",
//     "message": "...", "line": N, "column": N}]}], "errors": N, "warnings": N}
//
// line and column are 1-based and refer to the file as written (header
// included).  Exit code: 0 when no error-severity diagnostic, 1 when any,
// 2 on a usage problem (no argument).
//
// Besides Neo4j's diagnostics, these are reported as errors: a file with no
// statement, more than one statement, a $param used but not declared with
// `// @param NAME ...` in the header, a declared param that is not used, a
// missing or invalid `// @mode read|write`, `@public` on a write query, and a
// path given on the command line that does not exist.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Keep stdout for the JSON document alone: anything the package logs goes to
// stderr.
for (const name of ['log', 'info', 'warn', 'debug']) {
  console[name] = (...args) => console.error(...args);
}

const CYPHER_VERSION = 'CYPHER 5';

const {
  lintCypherQuery,
  parseParameters,
  parseStatementsStrs,
  testData,
} = await import('@neo4j-cypher/language-support');

// Neo4j 5's built-in functions and procedures, as the package ships them
// (a snapshot of a server's SHOW FUNCTIONS / SHOW PROCEDURES).  With them the
// linter reports unknown functions and procedures (typos, APOC) as errors and
// deprecated functions (id()) as warnings.  APOC is left out on purpose: it is
// a plugin, and FalkorDB has none of it.
function builtInRegistry() {
  const mock = testData?.mockSchema ?? {};
  const functions = Object.fromEntries(
    Object.entries(mock.functions?.[CYPHER_VERSION] ?? {}).filter(([, f]) => f.isBuiltIn),
  );
  const procedures = Object.fromEntries(
    Object.entries(mock.procedures?.[CYPHER_VERSION] ?? {}).filter(
      ([name]) => !name.startsWith('apoc.'),
    ),
  );
  if (Object.keys(functions).length === 0) {
    throw new Error('the linter package no longer ships its function registry (testData)');
  }
  return { functions, procedures };
}
const REGISTRY = builtInRegistry();

// LSP DiagnosticSeverity: 1 Error, 2 Warning, 3 Information, 4 Hint.
function severityName(severity) {
  return severity === 1 ? 'error' : 'warning';
}

function collectFiles(args) {
  const found = [];
  const missing = [];
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.cypher')) {
        found.push(path);
      }
    }
  };
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch {
      missing.push(arg);
      continue;
    }
    if (st.isDirectory()) walk(arg);
    else found.push(arg);
  }
  return { files: [...new Set(found)], missing };
}

// The header: the leading `//` comment lines (blank lines allowed among them).
function parseHeader(lines) {
  const params = []; // {name, description, line}
  const problems = []; // {message, line}
  let mode = null;
  let isPublic = false;
  let headerEnd = 0; // index of the first line after the header
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed === '') {
      headerEnd = i + 1;
      continue;
    }
    if (!trimmed.startsWith('//')) break;
    headerEnd = i + 1;
    const body = trimmed.slice(2).trim();
    const lineNo = i + 1;
    let m;
    if ((m = /^@param(?:\s+(\S+))?(?:\s+(.*))?$/.exec(body))) {
      const name = m[1]?.replace(/^\$/, '').replace(/^`(.*)`$/, '$1');
      if (!name) {
        problems.push({ message: '@param without a name', line: lineNo });
      } else if (params.some((p) => p.name === name)) {
        problems.push({ message: `parameter $${name} is declared twice`, line: lineNo });
      } else {
        params.push({ name, description: (m[2] ?? '').trim(), line: lineNo });
      }
    } else if ((m = /^@mode(?:\s+(\S*))?\s*$/.exec(body))) {
      if (mode !== null) {
        problems.push({ message: '@mode is given twice', line: lineNo });
      } else if (m[1] === 'read' || m[1] === 'write') {
        mode = { value: m[1], line: lineNo };
      } else {
        problems.push({ message: `@mode must be read or write, not '${m[1] ?? ''}'`, line: lineNo });
        mode = { value: null, line: lineNo };
      }
    } else if (/^@public\s*$/.test(body)) {
      isPublic = { line: lineNo };
    } else if (/^@\w/.test(body)) {
      problems.push({ message: `unknown header tag '${body.split(/\s/)[0]}'`, line: lineNo });
    }
  }
  if (mode === null) {
    problems.push({ message: 'header has no `// @mode read|write` line', line: 1 });
  } else if (isPublic && mode.value === 'write') {
    problems.push({ message: '@public is only for read queries (this one is @mode write)', line: isPublic.line });
  }
  return { params, problems, headerEnd };
}

// True when a piece of Cypher holds nothing but comments and whitespace.
function isBlank(text) {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/[^\n]*/g, '')
      .trim() === ''
  );
}

function lineColumnAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function firstCodeOffset(text, from) {
  // Offset of the first character of `text` at or after `from` that is not
  // whitespace and not inside a comment.
  let i = from;
  while (i < text.length) {
    if (/\s/.test(text[i])) i++;
    else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else break;
  }
  return i;
}

function lintFile(file) {
  const diagnostics = [];
  const add = (severity, message, line, column = 1) =>
    diagnostics.push({ severity, message, line, column });

  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    add('error', `cannot read file: ${err.message}`, 1);
    return { file, diagnostics };
  }
  text = text.replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  const header = parseHeader(lines.map((l) => l.replace(/\r$/, '')));
  for (const p of header.problems) add('error', p.message, p.line);

  // Statements: the package's own splitter (it knows strings and comments).
  // The pieces are consecutive slices of the text, each ending with its `;`.
  const pieces = parseStatementsStrs(text);
  const offsets = [];
  let pos = 0;
  for (const piece of pieces) {
    const at = text.indexOf(piece, pos);
    offsets.push(at === -1 ? pos : at);
    pos = (at === -1 ? pos : at) + piece.length;
  }
  const real = [];
  pieces.forEach((piece, i) => {
    const code = piece.replace(/;\s*$/, '');
    if (!isBlank(code)) real.push(i);
    else if (i > 0 && piece.includes(';') && isBlank(piece.replace(/;/, ''))) {
      const where = lineColumnAt(text, offsets[i] + piece.indexOf(';'));
      add('error', "empty statement (a stray ';')", where.line, where.column);
    }
  });

  if (real.length === 0) {
    add('error', 'no statement: the file holds only comments', Math.max(1, lines.length - 1));
    return { file, diagnostics };
  }
  if (real.length > 1) {
    const second = offsets[real[1]];
    const where = lineColumnAt(text, firstCodeOffset(text, second));
    add(
      'error',
      `${real.length} statements in one file: one statement per file (a ';' may only end the statement)`,
      where.line,
      where.column,
    );
  }

  // Parameters: header declarations against $names used in the statement.
  const declared = new Map(header.params.map((p) => [p.name, p]));
  const used = new Set(
    parseParameters(text, false).map((n) => n.replace(/^`(.*)`$/, '$1')),
  );
  for (const p of header.params) {
    if (!used.has(p.name)) {
      add('error', `parameter $${p.name} is declared in the header but not used`, p.line);
    }
  }

  // Lint everything up to the end of the last real statement (the header is
  // a comment, so line numbers stay those of the file).  Comments after a
  // trailing ';' would otherwise parse as an empty second statement.
  const last = real[real.length - 1];
  const source = text.slice(0, offsets[last] + pieces[last].length);
  const schema = {
    defaultLanguage: CYPHER_VERSION,
    parameters: Object.fromEntries(
      [...declared.values()].map((p) => [p.name, p.description || p.name]),
    ),
    functions: { [CYPHER_VERSION]: REGISTRY.functions },
    procedures: { [CYPHER_VERSION]: REGISTRY.procedures },
    // labels / relationshipTypes / propertyKeys are left out on purpose:
    // taken from the queries themselves they could never warn, and without
    // them the package checks neither.
  };
  let result;
  try {
    result = lintCypherQuery(source, schema, { consoleCommandsEnabled: false });
  } catch (err) {
    add('error', `linter crashed: ${err?.message ?? err}`, 1);
    return { file, diagnostics };
  }
  const seen = new Set();
  for (const d of result.diagnostics) {
    const entry = {
      severity: severityName(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    };
    const key = JSON.stringify(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(entry);
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, diagnostics };
}

function main(argv) {
  if (argv.length === 0) {
    process.stderr.write('usage: node .ci/cypher-lint/lint.mjs DIR_OR_FILE...\n');
    return 2;
  }
  const { files, missing } = collectFiles(argv);
  const report = { files: [], errors: 0, warnings: 0 };
  for (const path of missing) {
    report.files.push({
      file: path,
      diagnostics: [{ severity: 'error', message: 'no such file or directory', line: 1, column: 1 }],
    });
  }
  for (const file of files) report.files.push(lintFile(file));
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') report.errors++;
      else report.warnings++;
    }
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report.errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
