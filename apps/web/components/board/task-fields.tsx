'use client';

import type { TTaskPriority } from '@todo/contracts';
import { useTranslations } from 'use-intl';
import type { FieldErrors } from '@/lib/form-errors';

export type TaskFieldValues = {
  title: string;
  description: string;
  priority: TTaskPriority;
  due: string;
  tags: string;
};

/** The task fields of the inline editor; every control is labelled. */
export function TaskFields({
  idPrefix,
  values,
  errors,
  onChange,
}: {
  idPrefix: string;
  values: TaskFieldValues;
  errors: FieldErrors;
  onChange: (values: TaskFieldValues) => void;
}) {
  const t = useTranslations('editor');
  const set = <K extends keyof TaskFieldValues>(key: K, value: TaskFieldValues[K]) =>
    onChange({ ...values, [key]: value });
  const errorProps = (field: string) =>
    errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${idPrefix}-${field}-error` }
      : {};
  const errorText = (field: string) =>
    errors[field] ? (
      <p id={`${idPrefix}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-6">
      <div className="sm:col-span-6">
        <label htmlFor={`${idPrefix}-title`} className="label">
          {t('title')}
        </label>
        <input
          id={`${idPrefix}-title`}
          name="title"
          className="input"
          dir="auto"
          value={values.title}
          onChange={(event) => set('title', event.target.value)}
          {...errorProps('title')}
        />
        {errorText('title')}
      </div>
      <div className="sm:col-span-6">
        <label htmlFor={`${idPrefix}-description`} className="label">
          {t('description')}
        </label>
        <textarea
          id={`${idPrefix}-description`}
          name="description"
          className="input min-h-16"
          rows={2}
          dir="auto"
          value={values.description}
          onChange={(event) => set('description', event.target.value)}
          {...errorProps('description')}
        />
        {errorText('description')}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${idPrefix}-priority`} className="label">
          {t('priority')}
        </label>
        <select
          id={`${idPrefix}-priority`}
          name="priority"
          className="input"
          value={values.priority}
          onChange={(event) => set('priority', event.target.value as TTaskPriority)}
          {...errorProps('priority')}
        >
          <option value="low">{t('low')}</option>
          <option value="medium">{t('medium')}</option>
          <option value="high">{t('high')}</option>
        </select>
        {errorText('priority')}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${idPrefix}-due`} className="label">
          {t('dueDate')}
        </label>
        <input
          id={`${idPrefix}-due`}
          name="due_date"
          type="date"
          className="input"
          value={values.due}
          onChange={(event) => set('due', event.target.value)}
          {...errorProps('due_date')}
        />
        {errorText('due_date')}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${idPrefix}-tags`} className="label">
          {t('tags')}
        </label>
        <input
          id={`${idPrefix}-tags`}
          name="tags"
          className="input"
          value={values.tags}
          placeholder={t('tagsPlaceholder')}
          dir="auto"
          onChange={(event) => set('tags', event.target.value)}
          {...errorProps('tags')}
        />
        {errorText('tags')}
      </div>
    </div>
  );
}
