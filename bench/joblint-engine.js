// A stand-in for joblint when its package cannot be installed (the npm registry answers 404 for
// joblint today): joblint's 140 trigger patterns (../shared/bench/joblint-patterns.txt, read at
// run time) run the way joblint 2.3.2's lib/joblint.js runs them, as described in
// ../shared/ANCHORS.md §1.1-1.3: each trigger compiled as new RegExp('\\b(' + t + ')\\b', 'gim'),
// every match kept with its character offset and a context string from the same line, built the
// way joblint builds it (see context below), the issues sorted by offset. One Node process for
// every file.
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

// The issue's context as joblint 2.3.2's buildIssueContext (lib/joblint.js) makes it: the text
// before the match is split into lines and the last one kept, the text after it likewise and
// the first kept (so each issue reads the whole posting, which is most of joblint's time on a
// long posting); white space is collapsed, and whole words are added before the match up to 32
// characters and after it up to 52, with an ellipsis where words were left out.
function context(text, index, occurrence) {
  const lastLine = (s) => s.split(/[\r\n]+/).pop().replace(/\s+/g, " ");
  const firstLine = (s) => s.split(/[\r\n]+/).shift().replace(/\s+/g, " ");
  let out = "{{occurance}}";
  for (const word of lastLine(text.slice(0, index)).split(/(\s+)/).reverse()) {
    if (out.length < 32) out = word + out;
    else if (!out.startsWith("…")) out = "…" + out.trim();
  }
  for (const word of firstLine(text.slice(index + occurrence.length)).split(/(\s+)/)) {
    if (out.length < 52) out += word;
    else if (!out.endsWith("…")) out = out.trim() + "…";
  }
  return out.trim();
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
        context: context(text, match.index, match[1]),
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
