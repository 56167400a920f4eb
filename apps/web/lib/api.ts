import type {
  TActivityPage,
  TCreateListRequest,
  TCreateTaskRequest,
  TDeletedList,
  TList,
  TListCollection,
  TMe,
  TQuickAddResult,
  TTask,
  TTaskBatchRequest,
  TTaskBatchResult,
  TTaskDetail,
  TTaskList,
  TUndoResult,
  TUpdatedTask,
  TUpdateListRequest,
  TUpdateTaskRequest,
} from '@todo/contracts';

/** The browser's client for the API, always through the web app's own origin. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await apiResponse<T>(path, init)).body;
}

/** An API answer with its headers (e.g. `Activity-Batch`, the batch a change was recorded in). */
async function apiResponse<T>(
  path: string,
  init: RequestInit = {},
): Promise<{ body: T; headers: Headers }> {
  // Offline the board is read-only: a change is refused here, visibly, never queued for later.
  const changes = (init.method ?? 'GET') !== 'GET';
  if (changes && typeof navigator !== 'undefined' && !navigator.onLine) {
    throw new ApiError(0, 'offline', 'You are offline: nothing was changed.');
  }
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  }
  if (response.status === 204) return { body: undefined as T, headers: response.headers };
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string; details?: unknown } })
    | null;
  if (!response.ok) {
    const error = body?.error;
    if (response.status === 401 && typeof window !== 'undefined') {
      window.location.assign('/sign-in');
    }
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}`,
      Array.isArray(error?.details) ? (error.details as ApiError['details']) : [],
    );
  }
  return { body: body as T, headers: response.headers };
}

const json = (value: unknown) => JSON.stringify(value);

export const activityApi = {
  /**
   * Undoes the newest change recorded for a task, with everything its batch changed (a delete
   * brings back the subtasks and reminders that went with it). 409 if it changed since.
   */
  async undoLatestOf(taskId: number): Promise<TUndoResult> {
    const page = await apiFetch<TActivityPage>(`/api/v1/activity?task_id=${taskId}&limit=1`);
    const latest = page.items[0];
    if (!latest) throw new ApiError(404, 'not_found', 'There is nothing to undo');
    return activityApi.undo(latest.batch_id);
  },
  /** Takes back everything one batch changed, or a 409 that changes nothing if a row moved on. */
  undo: (batchId: string) =>
    apiFetch<TUndoResult>('/api/v1/activity/undo', {
      method: 'POST',
      body: json({ batch_id: batchId }),
    }),
};

export const tasksApi = {
  list: (search: string) => apiFetch<TTaskList>(`/api/v1/tasks${search}`),
  create: (input: TCreateTaskRequest) =>
    apiFetch<TTask>('/api/v1/tasks', { method: 'POST', body: json(input) }),
  get: (id: number) => apiFetch<TTaskDetail>(`/api/v1/tasks/${id}`),
  update: (id: number, patch: TUpdateTaskRequest) =>
    apiFetch<TUpdatedTask>(`/api/v1/tasks/${id}`, { method: 'PATCH', body: json(patch) }),
  remove: (id: number) => apiFetch<TTask>(`/api/v1/tasks/${id}`, { method: 'DELETE' }),
  /** One action on up to 100 tasks, all or nothing; `batchId` is what undoes it. */
  async batch(body: TTaskBatchRequest): Promise<{ result: TTaskBatchResult; batchId: string }> {
    const { body: result, headers } = await apiResponse<TTaskBatchResult>('/api/v1/tasks/batch', {
      method: 'POST',
      body: json(body),
    });
    const batchId = headers.get('activity-batch');
    if (!batchId) throw new ApiError(0, 'http_error', 'The server did not name the change to undo');
    return { result, batchId };
  },
  /** Reads a quick-add line (nothing is created); `signal` lets a newer keystroke cancel it. */
  parse: (text: string, signal?: AbortSignal) =>
    apiFetch<TQuickAddResult>('/api/v1/tasks/parse', {
      method: 'POST',
      body: json({ text }),
      signal,
    }),
};

export const listsApi = {
  list: () => apiFetch<TListCollection>('/api/v1/lists'),
  create: (input: TCreateListRequest) =>
    apiFetch<TList>('/api/v1/lists', { method: 'POST', body: json(input) }),
  update: (id: number, patch: TUpdateListRequest) =>
    apiFetch<TList>(`/api/v1/lists/${id}`, { method: 'PATCH', body: json(patch) }),
  /** A list with tasks needs a decision: move them to another list, or delete them. */
  remove: (id: number, tasks?: { moveTo: number } | 'delete') => {
    const search =
      tasks === 'delete' ? '?delete_tasks=true' : tasks ? `?move_to=${tasks.moveTo}` : '';
    return apiFetch<TDeletedList>(`/api/v1/lists/${id}${search}`, { method: 'DELETE' });
  },
};

export const meApi = { get: () => apiFetch<TMe>('/api/v1/me') };

/** Tells the board that tasks changed elsewhere (the assistant), so it reloads. */
export const TASKS_CHANGED_EVENT = 'todo:tasks-changed';
