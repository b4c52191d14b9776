// `npm run backup [destination]`: an online copy of the live SQLite database, safe while Switchboard runs.
// better-sqlite3's backup() uses SQLite's backup API, which copies a consistent snapshot page by page
// (WAL included) without stopping writers; copying the .db file instead could catch a half-written state.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// Read the same .env files `next start` reads, highest precedence first (loadEnvFile never overrides).
for (const file of ['.env.production.local', '.env.local', '.env.production', '.env']) {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

const source = process.env.DATABASE_PATH || './data/switchboard.db';
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const destination = process.argv[2] ?? path.join(path.dirname(source), 'backups', `switchboard-${stamp}.db`);

if (!fs.existsSync(source)) {
  console.error(`No database at ${source}. Set DATABASE_PATH to the file Switchboard uses.`);
  process.exit(1);
}
if (fs.existsSync(destination)) {
  console.error(`${destination} already exists; choose another destination.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
const db = new Database(source, { fileMustExist: true });
try {
  await db.backup(destination);
} finally {
  db.close();
}
console.log(`Backed up ${source} to ${destination}`);
