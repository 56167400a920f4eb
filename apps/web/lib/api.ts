import type { TCreateTaskRequest, TTask, TTaskList, TUpdateTaskRequest } from '@todo/contracts';

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
  if (response.status === 204) return undefined as T;
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
  return body as T;
}

const json = (value: unknown) => JSON.stringify(value);

export const tasksApi = {
  list: (search: string) => apiFetch<TTaskList>(`/api/v1/tasks${search}`),
  create: (input: TCreateTaskRequest) =>
    apiFetch<TTask>('/api/v1/tasks', { method: 'POST', body: json(input) }),
  update: (id: number, patch: TUpdateTaskRequest) =>
    apiFetch<TTask>(`/api/v1/tasks/${id}`, { method: 'PATCH', body: json(patch) }),
  remove: (id: number) => apiFetch<TTask>(`/api/v1/tasks/${id}`, { method: 'DELETE' }),
};

/** Tells the board that tasks changed elsewhere (the assistant), so it reloads. */
export const TASKS_CHANGED_EVENT = 'todo:tasks-changed';
