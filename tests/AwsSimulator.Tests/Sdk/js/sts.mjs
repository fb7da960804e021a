// STS through @aws-sdk/client-sts (query protocol), and assumed credentials used by the ECR client.
import assert from "node:assert/strict";
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { ECRClient, DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import { check, run, config, rejects, A, B, CN, TOKYO, endpoint } from "./lib.mjs";

check("GetCallerIdentity answers the account of the access key", async () => {
  const identity = await new STSClient(config(B)).send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, B);
  assert.equal(identity.Arn, `arn:aws:iam::${B}:root`);
});

check("AssumeRole gives credentials that act as the role's account", async () => {
  const { Credentials, AssumedRoleUser } = await new STSClient(config("AKIDEXAMPLE")).send(new AssumeRoleCommand({
    RoleArn: `arn:aws:iam::${B}:role/ecr-curator`, RoleSessionName: "curator", ExternalId: "x", DurationSeconds: 900,
  }));
  assert.equal(Credentials.AccessKeyId, B);
  assert.ok(Credentials.Expiration instanceof Date);
  assert.equal(AssumedRoleUser.Arn, `arn:aws:sts::${B}:assumed-role/ecr-curator/curator`);
  const credentials = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken };
  const { repositories } = await new ECRClient({ endpoint, region: TOKYO, credentials }).send(new DescribeRepositoriesCommand({}));
  assert.deepEqual(repositories.map((r) => r.registryId), [B]);
  const identity = await new STSClient({ endpoint, region: TOKYO, credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Arn, `arn:aws:sts::${B}:assumed-role/ecr-curator/curator`);
});

check("AssumeRole in a China region takes an aws-cn role", async () => {
  const { Credentials } = await new STSClient(config(CN, "cn-north-1")).send(new AssumeRoleCommand({ RoleArn: `arn:aws-cn:iam::${CN}:role/r`, RoleSessionName: "s1" }));
  assert.equal(Credentials.AccessKeyId, CN);
});

check("AssumeRole of an account outside the world is AccessDenied", async () => {
  const error = await rejects(new STSClient(config(A)).send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::999999999999:role/r", RoleSessionName: "s1" })), "AccessDenied");
  assert.equal(error.$metadata.httpStatusCode, 403);
});

await run();
