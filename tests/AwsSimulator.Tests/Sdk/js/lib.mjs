// Shared helpers of the official-SDK scenarios: the simulator's endpoint (argv[2]), client settings,
// the control API, expected errors, and a tiny runner that prints "ok NAME" or "not ok NAME: why".
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

export const endpoint = process.argv[2];
export const A = "111111111111";
export const B = "222222222222";
export const CN = "333333333333";
export const TOKYO = "ap-northeast-1";
export const ARN = `arn:aws:ecs:${TOKYO}:${A}`;

export const config = (accessKeyId = A, region = TOKYO, extra = {}) => ({
  endpoint,
  region,
  credentials: { accessKeyId, secretAccessKey: "any-secret" },
  ...extra,
});

/** The digest the test world gives the image made from `seed` (TestWorlds.Digest). */
export const digest = (seed) => "sha256:" + createHash("sha256").update(seed).digest("hex");

export async function control(method, path, body) {
  const response = await fetch(`${endpoint}/_sim/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) assert.fail(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** Awaits a call that must fail with the SDK error `name`; returns the error for more checks. */
export async function rejects(promise, name) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

export async function all(paginator, member) {
  const items = [];
  for await (const page of paginator) items.push(...page[member]);
  return items;
}

const checks = [];
export const check = (name, body) => checks.push([name, body]);

export async function run() {
  for (const [name, body] of checks) {
    try {
      await body();
      console.log(`ok ${name}`);
    } catch (error) {
      console.log(`not ok ${name}: ${error.stack ?? error}`);
      process.exitCode = 1;
    }
  }
  console.log(`checks: ${checks.length}`);
}
