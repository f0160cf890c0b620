// A stand-in for joblint when its package cannot be installed (the npm registry answers 404 for
// joblint today): joblint's 140 trigger patterns (../shared/bench/joblint-patterns.txt, read at
// run time) run the way joblint 2.3.2's lib/joblint.js runs them, as described in
// ../shared/ANCHORS.md §1.1-1.3: each trigger compiled as new RegExp('\\b(' + t + ')\\b', 'gim'),
// every match kept with its character offset and a context string of about 20 characters either
// side from the same line, the issues sorted by offset. One Node process for every file.
// Usage: node bench/joblint-engine.js PATTERNS DIR [DIR ...]
const fs = require("fs");
const path = require("path");

const [patternsFile, ...dirs] = process.argv.slice(2);
const triggers = fs
  .readFileSync(patternsFile, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "");

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith(".md")) yield full;
  }
}

function context(text, index, length) {
  const lineStart = text.lastIndexOf("\n", index) + 1;
  let lineEnd = text.indexOf("\n", index + length);
  if (lineEnd === -1) lineEnd = text.length;
  const start = Math.max(lineStart, index - 20);
  const end = Math.min(lineEnd, index + length + 20);
  return text.slice(start, index) + "{{occurance}}" + text.slice(index + length, end);
}

function lint(text) {
  const issues = [];
  for (const trigger of triggers) {
    const regexp = new RegExp("\\b(" + trigger + ")\\b", "gim");
    let match;
    while ((match = regexp.exec(text)) !== null) {
      issues.push({
        trigger,
        occurance: match[1],
        position: match.index,
        context: context(text, match.index, match[0].length),
      });
    }
  }
  return issues.sort((a, b) => a.position - b.position);
}

let files = 0;
let issues = 0;
for (const dir of dirs) {
  for (const file of walk(dir)) {
    issues += lint(fs.readFileSync(file, "utf8")).length;
    files += 1;
  }
}
console.log(`${files} files, ${issues} issues`);
