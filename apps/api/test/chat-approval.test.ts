import { describe, expect, it } from 'vitest';
import { useChatApps } from './support/chat-apps.js';
import type { TestApp } from './support/test-app.js';
import { parseUiStream, toUiMessage } from './support/ui-stream.js';
import { asUser, signUp, type TestUser } from './support/users.js';

/**
 * A delete (or a bulk complete) asked for in chat waits for the user: the reply stops at an
 * approval request, a decline changes nothing, an approval runs the call and the reply goes on.
 * The AI model is the real OpenAI client against the local fake server; the offline assistant
 * asks the same way.
 */
const apps = useChatApps();

type ToolCallBody = {
  tool: string;
  result: unknown;
  tool_call_id?: string;
  approval?: { id: string; state: string; preview?: { summary: string } };
};

const chat = (t: TestApp, user: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(user), accept: 'application/json' },
    payload,
  });

async function addTask(t: TestApp, user: TestUser, title: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tasks',
    headers: asUser(user),
    payload: { title },
  });
  return response.json() as { id: number };
}

const taskStatus = async (t: TestApp, user: TestUser, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${id}`, headers: asUser(user) }))
    .statusCode;

/** Asks the fake model to delete `id`; returns the conversation and the approval it stopped at. */
async function askToDelete(user: TestUser, id: number) {
  apps.fake.enqueue({ kind: 'tools', calls: [{ name: 'delete_task', arguments: { id } }] });
  const response = await chat(apps.withModel, user, { message: 'delete pay rent' });
  expect(response.statusCode).toBe(200);
  const body = response.json() as { conversation_id: string; tool_calls: ToolCallBody[] };
  const [call] = body.tool_calls;
  expect(call).toMatchObject({
    tool: 'delete_task',
    result: null,
    approval: { state: 'requested', preview: { summary: 'Delete «Pay rent»' } },
  });
  return { conversationId: body.conversation_id, approvalId: call?.approval?.id ?? '' };
}

describe('destructive chat tools wait for approval (AI model)', () => {
  it('stops at the request, changes nothing, and a decline keeps the task', async () => {
    const ada = await signUp(apps.withModel.app, 'ada');
    const task = await addTask(apps.withModel, ada, 'Pay rent');
    const asked = await askToDelete(ada, task.id);
    expect(await taskStatus(apps.withModel, ada, task.id)).toBe(200);

    apps.fake.enqueue({ kind: 'text', text: 'All right, I kept it.' });
    const declined = await chat(apps.withModel, ada, {
      conversation_id: asked.conversationId,
      approval: { id: asked.approvalId, approved: false },
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({
      response: 'All right, I kept it.',
      tool_calls: [{ tool: 'delete_task', result: { declined: expect.any(String) } }],
    });
    expect(await taskStatus(apps.withModel, ada, task.id)).toBe(200);
    // The model was told the call was denied, as the SDK's approval flow words it.
    const told = JSON.stringify(apps.fake.requests.at(-1)?.body.messages);
    expect(told).toMatch(/delete_task/);
    expect(told).toMatch(/denied/i);

    // An answer counts once: a replay or a late change of mind is a 409 and runs nothing.
    const again = await chat(apps.withModel, ada, {
      conversation_id: asked.conversationId,
      approval: { id: asked.approvalId, approved: true },
    });
    expect(again.statusCode).toBe(409);
    expect(await taskStatus(apps.withModel, ada, task.id)).toBe(200);
  });

  it('an approval runs the call and the model continues', async () => {
    const ada = await signUp(apps.withModel.app, 'ada');
    const task = await addTask(apps.withModel, ada, 'Pay rent');
    const asked = await askToDelete(ada, task.id);
    apps.fake.enqueue({ kind: 'text', text: 'Deleted it.' });
    const approved = await chat(apps.withModel, ada, {
      conversation_id: asked.conversationId,
      approval: { id: asked.approvalId, approved: true },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      response: 'Deleted it.',
      tool_calls: [{ tool: 'delete_task', result: { deleted: { id: task.id } } }],
    });
    expect(await taskStatus(apps.withModel, ada, task.id)).toBe(404);

    // The stored conversation shows the request answered, and the result in the reply after it.
    const { conversationId } = asked;
    const stored = await apps.withModel.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: asUser(ada),
    });
    const messages = stored.json().items as { role: string; tool_calls: ToolCallBody[] }[];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'assistant']);
    expect(messages[1]?.tool_calls[0]?.approval?.state).toBe('approved');
  });

  it('a chain of approvals in one turn is one batch: one undo brings back both', async () => {
    const ada = await signUp(apps.withModel.app, 'ada');
    const rent = await addTask(apps.withModel, ada, 'Pay rent');
    const gym = await addTask(apps.withModel, ada, 'Cancel gym');
    const first = await askToDelete(ada, rent.id);
    // Approved, the model goes on to a second delete, which asks again.
    apps.fake.enqueue({
      kind: 'tools',
      calls: [{ name: 'delete_task', arguments: { id: gym.id } }],
    });
    const next = await chat(apps.withModel, ada, {
      conversation_id: first.conversationId,
      approval: { id: first.approvalId, approved: true },
    });
    const nextBody = next.json() as { batch_id: string; tool_calls: ToolCallBody[] };
    const secondApproval = nextBody.tool_calls.find((call) => call.approval?.state === 'requested');
    expect(secondApproval?.approval?.id).toEqual(expect.any(String));
    apps.fake.enqueue({ kind: 'text', text: 'Both gone.' });
    const last = await chat(apps.withModel, ada, {
      conversation_id: first.conversationId,
      approval: { id: secondApproval?.approval?.id, approved: true },
    });
    const lastBody = last.json() as { batch_id: string };
    expect(await taskStatus(apps.withModel, ada, rent.id)).toBe(404);
    expect(await taskStatus(apps.withModel, ada, gym.id)).toBe(404);

    // Every reply of the chain names one batch, as stored too.
    expect(lastBody.batch_id).toBe(nextBody.batch_id);
    const stored = await apps.withModel.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${first.conversationId}/messages`,
      headers: asUser(ada),
    });
    const replies = (stored.json().items as { role: string; batch_id: string | null }[]).filter(
      (message) => message.role === 'assistant',
    );
    expect(replies).toHaveLength(3);
    expect(new Set(replies.map((reply) => reply.batch_id))).toEqual(new Set([lastBody.batch_id]));

    const undone = await apps.withModel.app.inject({
      method: 'POST',
      url: '/api/v1/activity/undo',
      headers: asUser(ada),
      payload: { batch_id: lastBody.batch_id },
    });
    expect(undone.statusCode).toBe(200);
    expect(await taskStatus(apps.withModel, ada, rent.id)).toBe(200);
    expect(await taskStatus(apps.withModel, ada, gym.id)).toBe(200);
  });

  it('streams the request with what would change, as useChat reads it', async () => {
    const ada = await signUp(apps.withModel.app, 'ada');
    const a = await addTask(apps.withModel, ada, 'Old notes');
    const b = await addTask(apps.withModel, ada, 'Older notes');
    apps.fake.enqueue({
      kind: 'tools',
      calls: [{ name: 'complete_tasks', arguments: { ids: [a.id, b.id] } }],
    });
    const response = await apps.withModel.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      headers: asUser(ada),
      payload: { message: 'finish both notes' },
    });
    const chunks = parseUiStream(response.body);
    expect(chunks).toContainEqual(
      expect.objectContaining({
        type: 'tool-approval-request',
        approvalDescriptor: {
          summary: 'Complete 2 tasks',
          tasks: [
            { id: a.id, title: 'Old notes' },
            { id: b.id, title: 'Older notes' },
          ],
        },
      }),
    );
    const message = await toUiMessage(chunks);
    expect(message.parts.find((part) => part.type === 'tool-complete_tasks')).toMatchObject({
      state: 'approval-requested',
    });
    const open = await apps.withModel.app.inject({
      method: 'GET',
      url: '/api/v1/tasks?status=completed',
      headers: asUser(ada),
    });
    expect(open.json().total).toBe(0);
  });

  it('refuses bad answers with a 4xx and runs nothing', async () => {
    const ada = await signUp(apps.withModel.app, 'ada');
    const bob = await signUp(apps.withModel.app, 'bob');
    const task = await addTask(apps.withModel, ada, 'Pay rent');
    const asked = await askToDelete(ada, task.id);
    const cases: [TestUser, Record<string, unknown>, number][] = [
      [
        ada,
        { conversation_id: asked.conversationId, approval: { id: 'nope', approved: true } },
        404,
      ],
      [ada, { approval: { id: asked.approvalId, approved: true } }, 400],
      [
        ada,
        {
          conversation_id: asked.conversationId,
          message: 'hi',
          approval: { id: 'x', approved: true },
        },
        400,
      ],
      [ada, { conversation_id: asked.conversationId, approval: { id: asked.approvalId } }, 400],
      // Another user cannot answer Ada's approval, even with its ids.
      [
        bob,
        {
          conversation_id: asked.conversationId,
          approval: { id: asked.approvalId, approved: true },
        },
        404,
      ],
    ];
    for (const [user, payload, status] of cases) {
      const response = await chat(apps.withModel, user, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
    }
    expect(await taskStatus(apps.withModel, ada, task.id)).toBe(200);
  });
});

describe('destructive chat tools wait for approval (offline assistant)', () => {
  it('asks "Delete «x»? (yes/no)", keeps it on no, deletes it on yes', async () => {
    const ada = await signUp(apps.offline.app, 'ada');
    const task = await addTask(apps.offline, ada, 'Pay rent');
    const ask = async () => {
      const response = await chat(apps.offline, ada, { message: 'delete pay rent' });
      const body = response.json() as {
        conversation_id: string;
        response: string;
        tool_calls: ToolCallBody[];
      };
      expect(body.response).toBe('Delete «Pay rent»? (yes/no)');
      return { conversationId: body.conversation_id, approvalId: body.tool_calls[0]?.approval?.id };
    };

    const first = await ask();
    expect(await taskStatus(apps.offline, ada, task.id)).toBe(200);
    const no = await chat(apps.offline, ada, {
      conversation_id: first.conversationId,
      approval: { id: first.approvalId, approved: false },
    });
    expect(no.json().response).toMatch(/left everything as it was/);
    expect(await taskStatus(apps.offline, ada, task.id)).toBe(200);

    const second = await ask();
    const yes = await chat(apps.offline, ada, {
      conversation_id: second.conversationId,
      approval: { id: second.approvalId, approved: true },
    });
    expect(yes.json()).toMatchObject({
      response: 'Done: Delete «Pay rent».',
      tool_calls: [{ tool: 'delete_task', result: { deleted: { id: task.id } } }],
    });
    expect(await taskStatus(apps.offline, ada, task.id)).toBe(404);
  });
});
