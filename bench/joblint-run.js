// Runs joblint's rules over every .md file under the given folders in one Node process and
// prints the number of issues, so a benchmark times the rules rather than Node's start-up.
// Usage: node bench/joblint-run.js DIR [DIR ...]   (with joblint installed where Node finds it)
const fs = require("fs");
const path = require("path");
const joblint = require("joblint");

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith(".md")) yield full;
  }
}

let files = 0;
let issues = 0;
for (const dir of process.argv.slice(2)) {
  for (const file of walk(dir)) {
    const result = joblint(fs.readFileSync(file, "utf8"));
    files += 1;
    issues += result.issues.length;
  }
}
console.log(`${files} files, ${issues} issues`);
