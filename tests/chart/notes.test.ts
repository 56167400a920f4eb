// NOTES.txt: the URL for NodePort, LoadBalancer and Ingress, and how to watch the pods.
import { describe, expect, test } from 'vitest';
import { chartDir, runHelm } from './render.ts';

function notes(sets: string[] = []): string {
  const res = runHelm([
    'install',
    'todo-chatbot',
    chartDir,
    '--dry-run=client',
    '--namespace',
    'todo-chatbot',
    ...sets.flatMap((s) => ['--set', s]),
  ]);
  expect(res.stderr).toBe('');
  return res.stdout.slice(res.stdout.indexOf('NOTES:'));
}

describe('NOTES.txt', () => {
  test('NodePort (default): node IP and port, pod watch, database warning', () => {
    const text = notes();
    expect(text).toContain('minikube ip');
    expect(text).toContain(
      "kubectl get svc todo-chatbot-web -n todo-chatbot -o jsonpath='{.spec.ports[0].nodePort}'",
    );
    expect(text).toContain(
      'kubectl get pods -n todo-chatbot -l app.kubernetes.io/instance=todo-chatbot -w',
    );
    expect(text).toContain('helm test todo-chatbot -n todo-chatbot');
    expect(text).toContain('PostgreSQL runs inside the cluster');
  });

  test('Web Push: a localhost port-forward unless the public URL is https; nothing with reminders off', () => {
    const portForward =
      'kubectl port-forward svc/todo-chatbot-web -n todo-chatbot 30080:80   then open http://localhost:30080';
    expect(notes()).toContain(portForward);
    const https = notes([
      'ingress.enabled=true',
      'ingress.hosts[0].host=todo.example.com',
      'ingress.hosts[0].paths[0].path=/',
      'ingress.tls[0].secretName=tls',
      'ingress.tls[0].hosts[0]=todo.example.com',
    ]);
    expect(https).toContain('https://todo.example.com');
    expect(https).not.toContain('need a secure page');
    expect(notes(['reminders.enabled=false'])).not.toContain('need a secure page');
  });

  test('LoadBalancer: minikube tunnel and the external IP', () => {
    const text = notes(['web.service.type=LoadBalancer']);
    expect(text).toContain('minikube tunnel');
    expect(text).toContain('.status.loadBalancer.ingress[0].ip');
  });

  test('Ingress: the public URL; external DB: no warning; existingSecret: no secret command', () => {
    const text = notes([
      'ingress.enabled=true',
      'ingress.hosts[0].host=todo.example.com',
      'ingress.hosts[0].paths[0].path=/',
      'postgresql.enabled=false',
      'existingSecret=mine',
    ]);
    expect(text).toContain('http://todo.example.com');
    expect(text).not.toContain('PostgreSQL runs inside the cluster');
    expect(text).not.toContain('kubectl get secret');
  });
});
