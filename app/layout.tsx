import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Switchboard',
  description: 'Design call flows for the Vonage Voice API',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, the 404 page included: Next puts the CSP nonce (proxy.ts) on its
  // scripts only while rendering, so a page prerendered at build time would have its scripts blocked.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
