/** The friendly page shown when the web server cannot reach the API. */
export function BackendUnavailable({ appName }: { appName: string }) {
  return (
    <main
      className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6"
      data-testid="backend-unavailable"
    >
      <p className="text-sm font-medium text-slate-500 dark:text-slate-400">{appName}</p>
      <h1 className="text-2xl font-semibold">We can’t reach the task service right now</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Your tasks are safe. The service may be starting or restarting; this usually takes a few
        seconds.
      </p>
      <a href="." className="btn-primary self-start">
        Try again
      </a>
    </main>
  );
}
