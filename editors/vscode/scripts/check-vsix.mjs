// Lists a .vsix (a zip) and fails unless it holds exactly what should ship:
// the bundle, the manifest, README, LICENSE and the grammars (and a bundled
// server binary, if there is one). No unzip needed on the CI machine.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'dateline.vsix';
const zip = readFileSync(file);

// End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
let eocd = -1;
for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
  if (zip.readUInt32LE(i) === 0x06054b50) {
    eocd = i;
    break;
  }
}
if (eocd < 0) {
  console.error(`${file}: not a zip file`);
  process.exit(1);
}
const count = zip.readUInt16LE(eocd + 10);
let offset = zip.readUInt32LE(eocd + 16);
const entries = [];
for (let n = 0; n < count; n++) {
  if (zip.readUInt32LE(offset) !== 0x02014b50) {
    console.error(`${file}: bad central directory entry ${n}`);
    process.exit(1);
  }
  const size = zip.readUInt32LE(offset + 24);
  const nameLength = zip.readUInt16LE(offset + 28);
  const extraLength = zip.readUInt16LE(offset + 30);
  const commentLength = zip.readUInt16LE(offset + 32);
  const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
  entries.push({ name, size });
  offset += 46 + nameLength + extraLength + commentLength;
}

for (const { name, size } of entries) {
  console.log(`${String(size).padStart(10)}  ${name}`);
}

const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/dist\/extension\.js$/,
  /^extension\/syntaxes\/[a-z-]+\.tmLanguage\.json$/,
  /^extension\/server\/dateline(\.exe)?$/,
];
const required = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/syntaxes/brat-ann.tmLanguage.json',
  'extension/syntaxes/webanno-tsv.tmLanguage.json',
];
const names = entries.map((entry) => entry.name);
const unexpected = names.filter((name) => !allowed.some((pattern) => pattern.test(name)));
const missing = required.filter((name) => !names.includes(name));
if (!names.some((name) => /^extension\/readme\.md$/i.test(name))) {
  missing.push('extension/README.md');
}
if (!names.some((name) => /^extension\/license(\.txt)?$/i.test(name))) {
  missing.push('extension/LICENSE');
}
if (unexpected.length > 0 || missing.length > 0) {
  for (const name of unexpected) {
    console.error(`unexpected in ${file}: ${name}`);
  }
  for (const name of missing) {
    console.error(`missing from ${file}: ${name}`);
  }
  process.exit(1);
}
console.log(`${file}: ${entries.length} entries, as expected`);
