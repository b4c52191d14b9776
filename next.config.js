/** @type {import('next').NextConfig} */
module.exports = {
  // better-sqlite3 is a native addon: it must be required at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  // The dev server blocks HMR from 127.0.0.1 unless listed; tests and docs use it.
  allowedDevOrigins: ['127.0.0.1'],
};
