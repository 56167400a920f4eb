import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600 dark:text-slate-400">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <Link href="/" className="btn-primary self-start">
        Go to your tasks
      </Link>
    </main>
  );
}
