'use client';

import type { TTask, TUpdateTaskRequest } from '@todo/contracts';
import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { ApiError } from '@/lib/api';
import { dueDay } from '@/lib/due';
import { apiFieldErrors, type FieldErrors, parseTags, zodFieldErrors } from '@/lib/form-errors';
import { AlertText } from '../alert-text';
import { TaskFields, type TaskFieldValues } from './task-fields';
import { TaskReminders } from './task-reminders';

function valuesOf(task: TTask, zone: string): TaskFieldValues {
  return {
    title: task.title,
    description: task.description ?? '',
    priority: task.priority,
    due: dueDay(task, zone),
    tags: task.tags.join(', '),
  };
}

/** Only the fields that changed, so an untouched due time is never rounded to a day. */
export function patchFrom(task: TTask, values: TaskFieldValues, zone: string): TUpdateTaskRequest {
  const before = valuesOf(task, zone);
  const patch: TUpdateTaskRequest = {};
  if (values.title !== before.title) patch.title = values.title;
  if (values.description !== before.description) {
    patch.description = values.description.trim() ? values.description : null;
  }
  if (values.priority !== before.priority) patch.priority = values.priority;
  if (values.due !== before.due) patch.due_date = values.due || null;
  if (values.tags !== before.tags) patch.tags = parseTags(values.tags);
  return patch;
}

/** A row's inline editor, validated with the shared contract; Escape cancels. */
export default function TaskEditor({
  task,
  zone,
  onSave,
  onDone,
}: {
  task: TTask;
  zone: string;
  onSave: (task: TTask, patch: TUpdateTaskRequest) => Promise<unknown>;
  onDone: () => void;
}) {
  const t = useTranslations('editor');
  const tTask = useTranslations('task');
  const [values, setValues] = useState<TaskFieldValues>(() => valuesOf(task, zone));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const prefix = `task-${task.id}`;

  useEffect(() => {
    // Keyboard users land in the editor; Escape then cancels from there.
    document.getElementById(`${prefix}-title`)?.focus();
  }, [prefix]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch = patchFrom(task, values, zone);
    if (Object.keys(patch).length === 0) return onDone();
    const { ZUpdateTaskRequest } = await import('@todo/contracts');
    const parsed = ZUpdateTaskRequest.safeParse(patch);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues));
      return;
    }
    setBusy(true);
    try {
      await onSave(task, patch);
      onDone();
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.details.length > 0
          ? apiFieldErrors(error.details)
          : { form: error instanceof Error ? error.message : t('couldNotSave') },
      );
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={tTask('editTitle', { title: task.title })}
    >
      <TaskFields idPrefix={prefix} values={values} errors={errors} onChange={setValues} />
      <TaskReminders task={task} zone={zone} />
      <AlertText message={errors.form} />
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onDone}>
          {t('cancel')}
        </button>
        <button type="submit" className="btn-primary" disabled={busy} data-testid="task-save">
          {busy ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
