#!/usr/bin/env node
/**
 * Structure checks `npm test` runs (house style: a file a person reads in one sitting, no
 * import circle, published types that tell the truth):
 *   1. no import circle among src/ and components/ modules, type-only imports included;
 *   2. no source file over 450 lines in src/ and components/;
 *   3. no `_`-prefixed member in a published .d.ts (miniprogram_dist/, dist/): the phone build
 *      shortens those names, so a type naming them describes nothing that exists at run time.
 * Prints every finding and exits 1 when there is one. Usage: node scripts/check-structure.js [--json]
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const SOURCES = ['src', 'components'];
const PUBLISHED = ['miniprogram_dist', 'dist'];
const MAX_LINES = 450;

function walk(dir, test) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, test) : test(full) ? [full] : [];
  });
}

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** Relative module specifiers a file imports or re-exports (type-only ones too). */
function importsOf(file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specs = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.Identifier &&
      node.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs.filter((s) => s.startsWith('.'));
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every elementary circle's smallest representative, as a list of files (Tarjan's strongly connected components). */
function circles(files) {
  const graph = new Map(
    files.map((f) => [
      f,
      importsOf(f)
        .map((s) => resolve(f, s))
        .filter(Boolean),
    ]),
  );
  let index = 0;
  const stack = [];
  const info = new Map();
  const components = [];
  const strong = (v) => {
    info.set(v, { index, low: index, on: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) || []) {
      if (!graph.has(w)) continue;
      if (!info.has(w)) {
        strong(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).on = false;
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && (graph.get(v) || []).includes(v);
      if (component.length > 1 || selfLoop) components.push(component.map(rel).sort());
    }
  };
  for (const f of files) if (!info.has(f)) strong(f);
  return components;
}

function check() {
  const sources = SOURCES.flatMap((dir) => walk(path.join(ROOT, dir), (f) => f.endsWith('.ts') && !f.endsWith('.d.ts')));
  const findings = [];
  for (const component of circles(sources)) findings.push({ check: 'import circle', where: component.join(' ⇄ ') });
  for (const file of sources) {
    const lines = fs.readFileSync(file, 'utf8').split('\n').length;
    if (lines > MAX_LINES) findings.push({ check: `over ${MAX_LINES} lines`, where: `${rel(file)} (${lines} lines)` });
  }
  const declarations = PUBLISHED.flatMap((dir) => walk(path.join(ROOT, dir), (f) => f.endsWith('.d.ts')));
  if (!declarations.length)
    findings.push({ check: 'published types', where: 'no .d.ts in miniprogram_dist/ or dist/: run `npm run build` first' });
  for (const file of declarations) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const member = /^\s*(?:readonly\s+|private\s+|protected\s+|static\s+|get\s+|set\s+)*(_[A-Za-z]\w*)\??\s*[(:<;]/.exec(line);
        if (member) findings.push({ check: '_-member in published types', where: `${rel(file)}:${i + 1} ${member[1]}` });
      });
  }
  return { sources: sources.length, declarations: declarations.length, findings };
}

if (require.main === module) {
  const result = check();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    for (const f of result.findings) console.log(`${f.check}: ${f.where}`);
    console.log(`structure: ${result.sources} sources, ${result.declarations} published .d.ts, ${result.findings.length} finding(s)`);
  }
  process.exit(result.findings.length ? 1 : 0);
}

module.exports = { check, circles, importsOf };
