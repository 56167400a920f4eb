'use client';

import type { TCreateTaskRequest } from '@todo/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '@/lib/api';
import { apiFieldErrors, type FieldErrors, parseTags, zodFieldErrors } from '@/lib/form-errors';
import { TaskFields, type TaskFieldValues } from './task-fields';

const EMPTY: TaskFieldValues = {
  title: '',
  description: '',
  priority: 'medium',
  due: '',
  tags: '',
};

export function toCreateInput(values: TaskFieldValues): TCreateTaskRequest {
  return {
    title: values.title,
    description: values.description.trim() ? values.description : undefined,
    priority: values.priority,
    due_date: values.due || undefined,
    tags: parseTags(values.tags),
  };
}

/** New task form: validated with the shared contract before it is sent. */
export function CreateTaskForm({
  onCreate,
}: {
  onCreate: (input: TCreateTaskRequest) => Promise<unknown>;
}) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = toCreateInput(values);
    // The shared schema (and zod) load on first submit, not with the page (ADR 012).
    const { ZCreateTaskRequest } = await import('@todo/contracts');
    const parsed = ZCreateTaskRequest.safeParse(input);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues));
      // Move focus to the first field in error once React has marked it.
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onCreate(input);
      setValues(EMPTY);
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        setErrors(apiFieldErrors(error.details));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="create-task-heading"
      className="card p-4"
      data-testid="create-form"
    >
      <h2 id="create-task-heading" className="mb-3 text-base font-semibold">
        Add a task
      </h2>
      <TaskFields idPrefix="new-task" values={values} errors={errors} onChange={setValues} />
      <div className="mt-3 flex justify-end">
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add task'}
        </button>
      </div>
    </form>
  );
}
