// Lambda through @aws-sdk/client-lambda (REST-JSON): every version past one page, each version's code location,
// aliases, a missing function, and throttling through the control API's faults.
import assert from "node:assert/strict";
import { LambdaClient, ListFunctionsCommand, GetFunctionCommand, ListAliasesCommand, paginateListFunctions, paginateListAliases } from "@aws-sdk/client-lambda";
import { check, run, config, control, digest, rejects, all, A, B, TOKYO } from "./lib.mjs";

const lambda = new LambdaClient(config());
const registry = `${A}.dkr.ecr.${TOKYO}.amazonaws.com`;

check("ListFunctions with FunctionVersion ALL lists every version past one page of 50", async () => {
  const first = await lambda.send(new ListFunctionsCommand({ FunctionVersion: "ALL", MaxItems: 1000 }));
  assert.equal(first.Functions.length, 50);
  assert.ok(first.NextMarker);
  const versions = await all(paginateListFunctions({ client: lambda }, { FunctionVersion: "ALL" }), "Functions");
  assert.equal(versions.length, 63);
  const resize = versions.filter((f) => f.FunctionName === "resize");
  assert.deepEqual(resize.map((f) => f.Version), ["$LATEST", ...Array.from({ length: 60 }, (_, i) => `${i + 1}`)]);
  assert.ok(resize.every((f) => f.PackageType === "Image" && f.FunctionArn.endsWith(`:function:resize:${f.Version}`)));
  assert.deepEqual(versions.filter((f) => f.FunctionName === "hook").map((f) => [f.Version, f.PackageType]), [["$LATEST", "Zip"], ["1", "Zip"]]);
});

check("ListFunctions without FunctionVersion lists $LATEST of each function, unqualified", async () => {
  const { Functions } = await lambda.send(new ListFunctionsCommand({}));
  assert.deepEqual(Functions.map((f) => [f.FunctionName, f.Version]), [["hook", "$LATEST"], ["resize", "$LATEST"]]);
  assert.ok(Functions[1].FunctionArn.endsWith(":function:resize"));
});

check("GetFunction reads each version's code location: the image and the digest Lambda resolved", async () => {
  const latest = await lambda.send(new GetFunctionCommand({ FunctionName: "resize" }));
  assert.deepEqual(latest.Code, { RepositoryType: "ECR", ImageUri: `${registry}/care/api:v2`, ResolvedImageUri: `${registry}/care/api@${digest("care-v2")}` });
  for (const version of ["1", "37", "60"]) {
    const { Code, Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: "resize", Qualifier: version }));
    assert.equal(Configuration.Version, version);
    assert.equal(Code.ImageUri, `${registry}/care/api:latest`);
    assert.equal(Code.ResolvedImageUri, `${registry}/care/api@${digest("care-v1")}`);
  }
  const byArn = await lambda.send(new GetFunctionCommand({ FunctionName: `arn:aws:lambda:${TOKYO}:${A}:function:resize:live` }));
  assert.equal(byArn.Configuration.Version, "60");
  const zip = await lambda.send(new GetFunctionCommand({ FunctionName: "hook", Qualifier: "1" }));
  assert.equal(zip.Code.RepositoryType, "S3");
  assert.equal(zip.Code.ImageUri, undefined);
});

check("ListAliases lists a function's aliases and pages them", async () => {
  const { Aliases } = await lambda.send(new ListAliasesCommand({ FunctionName: "resize" }));
  assert.deepEqual(Aliases.map((a) => [a.Name, a.FunctionVersion]), [["beta", "59"], ["canary", "1"], ["live", "60"]]);
  assert.equal(Aliases[2].AliasArn, `arn:aws:lambda:${TOKYO}:${A}:function:resize:live`);
  const paged = await all(paginateListAliases({ client: lambda, pageSize: 1 }, { FunctionName: "resize" }), "Aliases");
  assert.equal(paged.length, 3);
  const of60 = await lambda.send(new ListAliasesCommand({ FunctionName: "resize", FunctionVersion: "60" }));
  assert.deepEqual(of60.Aliases.map((a) => a.Name), ["live"]);
});

check("a missing function or version is a ResourceNotFoundException (404)", async () => {
  const error = await rejects(lambda.send(new GetFunctionCommand({ FunctionName: "nope" })), "ResourceNotFoundException");
  assert.equal(error.$metadata.httpStatusCode, 404);
  await rejects(lambda.send(new GetFunctionCommand({ FunctionName: "resize", Qualifier: "61" })), "ResourceNotFoundException");
  await rejects(lambda.send(new ListAliasesCommand({ FunctionName: "nope" })), "ResourceNotFoundException");
});

check("another account sees its own functions only", async () => {
  const { Functions } = await new LambdaClient(config(B)).send(new ListFunctionsCommand({ FunctionVersion: "ALL" }));
  assert.deepEqual(Functions.map((f) => f.FunctionName), ["cross"]);
});

check("a throttle is a TooManyRequestsException (429), retried by the SDK; access denied is an AccessDeniedException", async () => {
  await control("DELETE", "faults");
  await control("POST", "faults", { kind: "throttle", operation: "lambda:GetFunction", count: 1 });
  assert.equal((await lambda.send(new GetFunctionCommand({ FunctionName: "resize" }))).$metadata.attempts, 2);
  await control("POST", "faults", { kind: "throttle", operation: "lambda:ListFunctions" });
  const error = await rejects(lambda.send(new ListFunctionsCommand({})), "TooManyRequestsException");
  assert.equal(error.$metadata.httpStatusCode, 429);
  assert.equal(error.$metadata.attempts, 3);
  await control("DELETE", "faults");
  await control("POST", "faults", { kind: "access-denied", operation: "lambda:ListAliases" });
  const denied = await rejects(lambda.send(new ListAliasesCommand({ FunctionName: "resize" })), "AccessDeniedException");
  assert.equal(denied.$metadata.httpStatusCode, 403);
  assert.match(denied.message, /lambda:ListAliases/);
  await control("DELETE", "faults");
});

await run();
