// ECS through @aws-sdk/client-ecs: every page, every batch limit, the errors, deployments, revisions and tasks.
import assert from "node:assert/strict";
import {
  ECSClient, ListServicesCommand, DescribeServicesCommand, DescribeServiceRevisionsCommand, ListTasksCommand,
  DescribeTasksCommand, DescribeTaskDefinitionCommand, ListClustersCommand,
  paginateListClusters, paginateListServices, paginateListTasks, paginateListTaskDefinitions,
} from "@aws-sdk/client-ecs";
import { check, run, config, digest, rejects, all, ARN } from "./lib.mjs";

const ecs = new ECSClient(config());
const cluster = "prod";

check("ListClusters pages cluster ARNs and refuses a page of 101", async () => {
  assert.deepEqual(await all(paginateListClusters({ client: ecs, pageSize: 1 }, {}), "clusterArns"), [`${ARN}:cluster/default`, `${ARN}:cluster/prod`]);
  await rejects(ecs.send(new ListClustersCommand({ maxResults: 101 })), "InvalidParameterException");
});

check("ListServices answers 10 a page by default, only ACTIVE services, and refuses a page of 101", async () => {
  const first = await ecs.send(new ListServicesCommand({ cluster }));
  assert.equal(first.serviceArns.length, 10);
  const services = await all(paginateListServices({ client: ecs }, { cluster }), "serviceArns");
  assert.equal(services.length, 15);
  assert.ok(!services.includes(`${ARN}:service/prod/draining`));
  await rejects(ecs.send(new ListServicesCommand({ cluster, maxResults: 101 })), "InvalidParameterException");
  await rejects(ecs.send(new ListServicesCommand({ cluster: "nope" })), "ClusterNotFoundException");
});

check("DescribeServices reports deployments, task sets, current revisions and missing services", async () => {
  const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: ["care-api", "blue-green", "nope"], include: ["TAGS"] }));
  const [care, blueGreen] = answer.services;
  assert.deepEqual(care.deployments.map((d) => [d.status, d.taskDefinition]), [["PRIMARY", `${ARN}:task-definition/care-api:3`], ["ACTIVE", `${ARN}:task-definition/care-api:2`]]);
  assert.ok(care.createdAt instanceof Date);
  assert.equal(care.currentServiceRevisions.length, 2);
  assert.deepEqual(blueGreen.deployments, []);
  assert.equal(blueGreen.taskSets[0].status, "PRIMARY");
  assert.deepEqual(answer.failures, [{ arn: `${ARN}:service/prod/nope`, reason: "MISSING" }]);
  const eleven = Array.from({ length: 11 }, (_, i) => `svc-${String(i).padStart(2, "0")}`);
  await rejects(ecs.send(new DescribeServicesCommand({ cluster, services: eleven })), "InvalidParameterException");
});

check("DescribeServiceRevisions answers the digests ECS resolved, 20 revisions at most", async () => {
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: ["care-api"] }));
  const arns = services[0].currentServiceRevisions.map((r) => r.arn);
  const { serviceRevisions } = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: arns }));
  assert.deepEqual(serviceRevisions[0].containerImages.map((c) => c.imageDigest), [digest("care-v2"), digest("bulk-0")]);
  assert.deepEqual(serviceRevisions[1].containerImages.map((c) => c.imageDigest), [digest("care-v1"), digest("bulk-0")]);
  await rejects(ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: Array(21).fill(arns[0]) })), "InvalidParameterException");
});

check("ListTasks pages tasks and filters by desired status, service and family", async () => {
  const running = await all(paginateListTasks({ client: ecs }, { cluster }), "taskArns");
  assert.equal(running.length, 110);
  assert.equal((await ecs.send(new ListTasksCommand({ cluster }))).taskArns.length, 100);
  assert.equal((await ecs.send(new ListTasksCommand({ cluster, desiredStatus: "STOPPED" }))).taskArns.length, 1);
  assert.equal((await all(paginateListTasks({ client: ecs }, { cluster, serviceName: "care-api" }), "taskArns")).length, 4);
  assert.equal((await ecs.send(new ListTasksCommand({ cluster, family: "worker" }))).taskArns.length, 1);
  await rejects(ecs.send(new ListTasksCommand({ cluster, serviceName: "nope" })), "ServiceNotFoundException");
  await rejects(ecs.send(new ListTasksCommand({ cluster: "nope" })), "ClusterNotFoundException");
  await rejects(ecs.send(new ListTasksCommand({ cluster, maxResults: 101 })), "InvalidParameterException");
});

check("DescribeTasks describes 100 tasks at most, with their digests, and reports missing ones", async () => {
  const arns = await all(paginateListTasks({ client: ecs }, { cluster }), "taskArns");
  await rejects(ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(0, 101) })), "InvalidParameterException");
  const described = [];
  for (let i = 0; i < arns.length; i += 100) described.push(...(await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }))).tasks);
  assert.equal(described.length, 110);
  assert.ok(described.every((task) => task.desiredStatus === "RUNNING" && task.createdAt instanceof Date));
  const { tasks, failures } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [arns.find((a) => described.find((t) => t.taskArn === a).group === "service:care-api"), "ffff"] }));
  assert.ok(tasks[0].containers[0].imageDigest.startsWith("sha256:"));
  assert.deepEqual(failures, [{ arn: `${ARN}:task/prod/ffff`, reason: "MISSING" }]);
});

check("DescribeTaskDefinition by family gives the latest ACTIVE revision; an unknown one is a ClientException", async () => {
  const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "care-api" }));
  assert.equal(taskDefinition.revision, 3);
  assert.deepEqual(taskDefinition.containerDefinitions.map((c) => c.name), ["app", "sidecar"]);
  const byArn = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${ARN}:task-definition/care-api:1` }));
  assert.equal(byArn.taskDefinition.status, "INACTIVE");
  await rejects(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope:1" })), "ClientException");
});

check("ListTaskDefinitions finds a family's newest revisions first", async () => {
  const arns = await all(paginateListTaskDefinitions({ client: ecs, pageSize: 1 }, { familyPrefix: "care-api", sort: "DESC" }), "taskDefinitionArns");
  assert.deepEqual(arns, [`${ARN}:task-definition/care-api:3`, `${ARN}:task-definition/care-api:2`]);
});

await run();
