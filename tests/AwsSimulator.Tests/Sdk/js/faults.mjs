// The control API's faults and rate limits, seen as the official SDK's own errors and retries.
import assert from "node:assert/strict";
import { ECRClient, DescribeImagesCommand, DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { check, run, config, control, rejects, A, B } from "./lib.mjs";

const ecr = new ECRClient(config());
const images = (client = ecr) => client.send(new DescribeImagesCommand({ repositoryName: client === ecr ? "care/api" : "b/own" }));
const fresh = async () => {
  await control("DELETE", "faults");
  await control("DELETE", "rate-limits");
};

check("a short throttle is absorbed by the SDK's retries", async () => {
  await fresh();
  await control("POST", "faults", { kind: "throttle", operation: "ecr:DescribeImages", count: 2 });
  const answer = await images();
  assert.equal(answer.$metadata.attempts, 3);
  assert.ok(answer.$metadata.totalRetryDelay > 0);
});

check("a lasting throttle is a ThrottlingException after three attempts", async () => {
  await fresh();
  await control("POST", "faults", { kind: "throttle", operation: "DescribeImages" });
  const error = await rejects(images(), "ThrottlingException");
  assert.equal(error.$metadata.attempts, 3);
  assert.equal(error.message, "Rate exceeded");
});

check("a server error is retried; a lasting 503 is a server fault", async () => {
  await fresh();
  await control("POST", "faults", { kind: "server-error", operation: "ecr:DescribeImages", count: 1 });
  assert.equal((await images()).$metadata.attempts, 2);
  await control("POST", "faults", { kind: "server-error", status: 503, operation: "ecs:ListClusters" });
  const error = await rejects(new ECSClient(config()).send(new ListClustersCommand({})), "ServiceUnavailableException");
  assert.equal(error.$fault, "server");
  assert.equal(error.$metadata.attempts, 3);
});

check("access denied for one account is not retried and leaves the others alone", async () => {
  await fresh();
  await control("POST", "faults", { kind: "access-denied", accountId: B });
  const error = await rejects(images(new ECRClient(config(B))), "AccessDeniedException");
  assert.equal(error.$metadata.attempts, 1);
  assert.equal(error.$metadata.httpStatusCode, 400);
  await images();
});

check("latency delays the answer", async () => {
  await fresh();
  await control("POST", "faults", { kind: "latency", latencyMs: 300, operation: "DescribeRepositories" });
  const start = Date.now();
  await ecr.send(new DescribeRepositoriesCommand({ maxResults: 1 }));
  assert.ok(Date.now() - start >= 290, `${Date.now() - start} ms`);
});

check("a rate limit answers ThrottlingException once its bucket is empty", async () => {
  await fresh();
  await control("POST", "rate-limits", { operation: "ecs:ListClusters", tokensPerSecond: 2, burst: 1 });
  const once = new ECSClient(config(A, "ap-northeast-1", { maxAttempts: 1 }));
  await once.send(new ListClustersCommand({}));
  await rejects(once.send(new ListClustersCommand({})), "ThrottlingException");
  await new Promise((resolve) => setTimeout(resolve, 600));
  await once.send(new ListClustersCommand({}));
});

check("STS throttling is retried by the STS client", async () => {
  await fresh();
  await control("POST", "faults", { kind: "throttle", operation: "sts:GetCallerIdentity", count: 1 });
  const identity = await new STSClient(config()).send(new GetCallerIdentityCommand({}));
  assert.equal(identity.$metadata.attempts, 2);
  const requests = await control("GET", "requests");
  assert.ok(requests.some((r) => r.key === `${A}/ap-northeast-1/sts:GetCallerIdentity` && r.requests === 2 && r.errors === 1));
});

await run();
