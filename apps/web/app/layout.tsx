import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { appName } from '@/lib/env.server';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: appName(), description: 'Tasks, with an assistant that manages them for you.' };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
