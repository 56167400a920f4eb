/** A message announced as it appears (an error under a field or a form); nothing when empty. */
export function AlertText({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="field-error">
      {message}
    </p>
  );
}
