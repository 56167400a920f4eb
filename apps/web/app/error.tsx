'use client';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main
      className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6"
      data-testid="error-page"
    >
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600 dark:text-slate-400">
        The page could not be shown. Try again; if it keeps happening, reload in a minute.
      </p>
      {error.digest ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">Reference: {error.digest}</p>
      ) : null}
      <button type="button" className="btn-primary self-start" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
