#!/usr/bin/env node
/**
 * The README's complete examples, as printed: every fenced code block right after a
 * `<!-- example: PATH -->` comment, dedented to its fence. Tests write them to files and run
 * them (test/package/your-project.test.ts, test/readme/), so the README cannot drift from the code.
 * Usage: node scripts/readme-examples.js [OUT_DIR]   (lists them, or writes each to OUT_DIR/PATH)
 */
const fs = require('fs');
const path = require('path');

const README = path.join(__dirname, '..', 'README.md');
const MARK = /^([ \t]*)<!-- example: (\S+) -->\n\1```(\w*)\n([\s\S]*?)\n\1```$/gm;

/** `[{ path, lang, code, line }]` of every marked block, in README order. */
function readmeExamples(text = fs.readFileSync(README, 'utf8')) {
  const examples = [];
  for (const match of text.matchAll(MARK)) {
    const [, indent, file, lang, body] = match;
    const code = body
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join('\n');
    examples.push({ path: file, lang, code: code + '\n', line: text.slice(0, match.index).split('\n').length + 1 });
  }
  const marks = (text.match(/<!-- example: /g) || []).length;
  if (marks !== examples.length) throw new Error(`README.md: ${marks} example marks but ${examples.length} blocks right after one`);
  return examples;
}

/** Writes the examples whose path starts with `prefix` under `dir` (the prefix removed); returns their paths. */
function writeExamples(dir, prefix = '') {
  return readmeExamples()
    .filter((example) => example.path.startsWith(prefix))
    .map((example) => {
      const file = path.join(dir, example.path.slice(prefix.length));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, example.code);
      return file;
    });
}

if (require.main === module) {
  const out = process.argv[2];
  if (out) console.log(writeExamples(out).join('\n'));
  else for (const e of readmeExamples()) console.log(`README.md:${e.line}  ${e.path}  (${e.lang}, ${e.code.split('\n').length - 1} lines)`);
}

module.exports = { readmeExamples, writeExamples };
