// Captures what the official AWS SDK for JavaScript v3 sends and parses for every ECR, ECS and Lambda operation that
// ECR Curator calls, so that the .NET conformance tests (tests/Infrastructure.Tests/Aws/Conformance) can hold
// the hand-written client to it without npm at test time.
//
//   cd tests/Infrastructure.Tests/Aws/Conformance/capture && npm ci && node capture.mjs [CASE ...]
//
// With case names (e.g. ecr-UpdateImageStorageClass-ARCHIVE), only those cases are captured again.
// Everything stays on 127.0.0.1: a local HTTP listener answers with canned responses and records each request.
// The clock is pinned (X-Amz-Date 20150830T123600Z), region us-east-1, credentials AKIDEXAMPLE /
// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY. The inputs are the ones the product's EcrClient and EcsClient send
// (registry 111111111111, pages of 1000 for ECR and 100 for ECS, DescribeImages filter imageStatus ANY, ...).
// Writes one JSON file per case into ../captures/.
import { createServer } from "node:http";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "captures");

// Pin the clock before the SDK is loaded: every `new Date()` and `Date.now()` is 2015-08-30T12:36:00Z.
const RealDate = Date;
const FIXED_CLOCK = "2015-08-30T12:36:00.000Z";
const FIXED = RealDate.parse(FIXED_CLOCK);
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FIXED);
    else super(...args);
  }
  static now() {
    return FIXED;
  }
}
globalThis.Date = FixedDate;

// Never let the environment (a profile, a region, an endpoint) leak into the capture.
for (const name of Object.keys(process.env)) {
  if (name.startsWith("AWS_")) delete process.env[name];
}
process.env.AWS_CONFIG_FILE = "/nonexistent/aws-config";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/aws-credentials";

const ecrModule = await import("@aws-sdk/client-ecr");
const ecsModule = await import("@aws-sdk/client-ecs");
const lambdaModule = await import("@aws-sdk/client-lambda");
const version = (name) => JSON.parse(readFileSync(join(here, "node_modules", ...name.split("/"), "package.json"), "utf8")).version;

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const region = "us-east-1";

// ---------------------------------------------------------------------------------------------------------------
// The listener: answers each request with the next queued response and records it.
let queue = [];
let recorded = [];
let requestNumber = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const at = performance.now();
    const rawHeaders = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    recorded.push({ method: req.method, path: req.url, httpVersion: req.httpVersion, rawHeaders, body: Buffer.concat(chunks).toString("utf8"), at });
    const canned = queue.length > 1 ? queue.shift() : queue[0];
    requestNumber++;
    res.sendDate = false; // a Date header would make the SDK correct its (pinned) clock
    res.writeHead(canned.status ?? 200, {
      "Content-Type": "application/x-amz-json-1.1",
      "x-amzn-RequestId": `req-${requestNumber}`,
      ...(canned.headers ?? {}),
    });
    res.end(canned.body);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;

const ecr = new ecrModule.ECRClient({ region, endpoint, credentials });
const ecs = new ecsModule.ECSClient({ region, endpoint, credentials });
const lambda = new lambdaModule.LambdaClient({ region, endpoint, credentials });
const clients = { ecr: [ecr, ecrModule], ecs: [ecs, ecsModule], lambda: [lambda, lambdaModule] };
// Lambda speaks REST-JSON: its answers are application/json.
const restJson = { "Content-Type": "application/json" };

// Dates as the SDK parsed them: ISO text plus epoch seconds, which is what the JSON 1.1 wire carries.
const plain = (value) => {
  if (value instanceof RealDate) return { $date: value.toISOString(), epochSeconds: value.getTime() / 1000 };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
    return out;
  }
  return value;
};

const cleanRequests = () => recorded.map(({ at, ...r }) => r);
const written = [];
const write = (name, content) => {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(content, null, 2) + "\n");
  written.push(name);
};
const sdkOf = (service) => `@aws-sdk/client-${service}@${version(`@aws-sdk/client-${service}`)}`;

// One operation: a single command, or a paginator over every page. `responses` are the canned bodies in order.
async function capture({ name, service, operation, input, pageSize, paginate, responses, note }) {
  queue = responses.map((body) => ({ body: JSON.stringify(body), headers: service === "lambda" ? restJson : undefined }));
  recorded = [];
  const [client, module] = clients[service];
  const outputs = [];
  if (paginate) {
    for await (const page of paginate({ client, pageSize }, structuredClone(input))) outputs.push(page);
  } else {
    const Command = module[`${operation}Command`];
    outputs.push(await client.send(new Command(structuredClone(input))));
  }
  if (recorded.length !== responses.length) throw new Error(`${name}: ${recorded.length} requests for ${responses.length} responses`);
  write(name, {
    sdk: sdkOf(service),
    node: process.version,
    fixedClock: FIXED_CLOCK,
    region,
    endpoint,
    service,
    operation,
    call: paginate ? `paginate${operation}({ pageSize: ${pageSize} }, input)` : `${operation}Command(input)`,
    note,
    input,
    exchanges: cleanRequests().map((request, i) => ({ request, responseStatus: 200, responseBody: JSON.stringify(responses[i]) })),
    parsedOutputs: outputs.map((o) => plain(o)),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed inputs: what ECR Curator's EcrClient and EcsClient send for account 111111111111 in us-east-1.
const account = "111111111111";
const digest = (c) => `sha256:${c.repeat(64)}`;
const repoArn = (name) => `arn:aws:ecr:us-east-1:${account}:repository/${name}`;
const cluster = `arn:aws:ecs:us-east-1:${account}:cluster/prod`;
const serviceArn = (name) => `arn:aws:ecs:us-east-1:${account}:service/prod/${name}`;
const taskArn = (id) => `arn:aws:ecs:us-east-1:${account}:task/prod/${id}`;
const taskDefArn = (family, revision) => `arn:aws:ecs:us-east-1:${account}:task-definition/${family}:${revision}`;
const revisionArn = (service, id) => `arn:aws:ecs:us-east-1:${account}:service-revision/prod/${service}/${id}`;
const image = (repo, ref) => `${account}.dkr.ecr.us-east-1.amazonaws.com/${repo}${ref}`;
const manifestMediaTypes = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v1+json",
];

const repository = (name, createdAt, extra = {}) => ({
  repositoryArn: repoArn(name),
  registryId: account,
  repositoryName: name,
  repositoryUri: image(name, ""),
  createdAt,
  imageTagMutability: "MUTABLE",
  imageScanningConfiguration: { scanOnPush: false },
  encryptionConfiguration: { encryptionType: "AES256" },
  ...extra,
});

const imageDetail = (c, extra) => ({ registryId: account, repositoryName: "team/api", imageDigest: digest(c), ...extra });

const ecrCases = [
  {
    name: "ecr-DescribeRepositories",
    service: "ecr",
    operation: "DescribeRepositories",
    input: { registryId: account },
    pageSize: 1000,
    paginate: ecrModule.paginateDescribeRepositories,
    note: "Every page: EcrClient.DescribeRepositoriesAsync",
    responses: [
      { repositories: [repository("app", 1700000000.123), repository("team/api", 1600000000, { imageTagMutability: "IMMUTABLE" })], nextToken: "repositories-page-2" },
      { repositories: [repository("legacy/batch-job", 1500000000.5)] },
    ],
  },
  {
    name: "ecr-ListTagsForResource",
    service: "ecr",
    operation: "ListTagsForResource",
    input: { resourceArn: repoArn("team/api") },
    note: "EcrClient.ListTagsAsync; ECR's Tag members are capitalised (Key, Value)",
    responses: [{ tags: [{ Key: "team", Value: "payments" }, { Key: "curator:keep", Value: "10" }] }],
  },
  {
    name: "ecr-DescribeImages-ANY",
    service: "ecr",
    operation: "DescribeImages",
    input: { registryId: account, repositoryName: "team/api", filter: { imageStatus: "ANY" } },
    pageSize: 1000,
    paginate: ecrModule.paginateDescribeImages,
    note: "Every image, archived ones too: EcrClient.DescribeImagesAsync(repository)",
    responses: [
      {
        imageDetails: [
          imageDetail("a", {
            imageTags: ["v1", "latest"],
            imageSizeInBytes: 52428800,
            imagePushedAt: 1700000000.5,
            lastRecordedPullTime: 1700003600,
            imageManifestMediaType: "application/vnd.docker.distribution.manifest.v2+json",
            artifactMediaType: "application/vnd.docker.container.image.v1+json",
            imageStatus: "ACTIVE",
            imageScanStatus: { status: "COMPLETE", description: "The scan was completed successfully." },
          }),
          imageDetail("b", {
            imageSizeInBytes: 1024,
            imagePushedAt: 1600000000,
            imageManifestMediaType: "application/vnd.oci.image.manifest.v1+json",
            imageStatus: "ARCHIVED",
            lastArchivedAt: 1710000000.25,
          }),
        ],
        nextToken: "images-page-2",
      },
      {
        imageDetails: [
          imageDetail("c", {
            imageTags: ["multi-arch"],
            imageSizeInBytes: 0,
            imagePushedAt: 1650000000.999,
            imageManifestMediaType: "application/vnd.oci.image.index.v1+json",
            imageStatus: "ACTIVE",
            lastActivatedAt: 1700500000,
          }),
        ],
      },
    ],
  },
  {
    name: "ecr-DescribeImages-imageIds",
    service: "ecr",
    operation: "DescribeImages",
    input: { registryId: account, repositoryName: "team/api", filter: { imageStatus: "ANY" }, imageIds: [{ imageDigest: digest("a") }, { imageDigest: digest("b") }] },
    note: "The images of these digests now: EcrClient.DescribeImagesAsync(repository, digests)",
    responses: [
      {
        imageDetails: [
          imageDetail("a", { imageTags: ["v1"], imageSizeInBytes: 52428800, imagePushedAt: 1700000000.5, lastRecordedPullTime: 1700086400.75, imageStatus: "ACTIVE" }),
          imageDetail("b", { imageSizeInBytes: 1024, imagePushedAt: 1600000000, imageStatus: "ARCHIVED", lastArchivedAt: 1710000000 }),
        ],
      },
    ],
  },
  {
    name: "ecr-BatchGetImage",
    service: "ecr",
    operation: "BatchGetImage",
    input: { registryId: account, repositoryName: "team/api", imageIds: [{ imageDigest: digest("c") }, { imageDigest: digest("d") }], acceptedMediaTypes: manifestMediaTypes },
    note: "EcrClient.BatchGetImageAsync: the manifests of index images",
    responses: [
      {
        images: [
          {
            registryId: account,
            repositoryName: "team/api",
            imageId: { imageDigest: digest("c"), imageTag: "multi-arch" },
            imageManifest: JSON.stringify({
              schemaVersion: 2,
              mediaType: "application/vnd.oci.image.index.v1+json",
              manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: digest("e"), size: 1234, platform: { architecture: "arm64", os: "linux" } }],
            }),
            imageManifestMediaType: "application/vnd.oci.image.index.v1+json",
          },
        ],
        failures: [{ imageId: { imageDigest: digest("d") }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }],
      },
    ],
  },
  {
    name: "ecr-UpdateImageStorageClass-ARCHIVE",
    service: "ecr",
    operation: "UpdateImageStorageClass",
    input: { registryId: account, repositoryName: "team/api", imageId: { imageDigest: digest("b") }, targetStorageClass: "ARCHIVE" },
    note: "EcrClient.UpdateImageStorageClassAsync: one image to the archive (quarantine)",
    responses: [{ registryId: account, repositoryName: "team/api", imageId: { imageDigest: digest("b") }, imageStatus: "ARCHIVED" }],
  },
  {
    name: "ecr-UpdateImageStorageClass-STANDARD",
    service: "ecr",
    operation: "UpdateImageStorageClass",
    input: { registryId: account, repositoryName: "team/api", imageId: { imageDigest: digest("b") }, targetStorageClass: "STANDARD" },
    note: "EcrClient.UpdateImageStorageClassAsync: one image restored from the archive (ACTIVATING until ECR reports ACTIVE)",
    responses: [{ registryId: account, repositoryName: "team/api", imageId: { imageDigest: digest("b") }, imageStatus: "ACTIVATING" }],
  },
  {
    name: "ecr-GetLifecyclePolicy",
    service: "ecr",
    operation: "GetLifecyclePolicy",
    input: { registryId: account, repositoryName: "team/api" },
    note: "EcrClient.GetLifecyclePolicyAsync: the policy's JSON text as ECR stores it",
    responses: [
      {
        registryId: account,
        repositoryName: "team/api",
        lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, description: "Keep the newest 10 images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } }] }),
        lastEvaluatedAt: 1700007200.5,
      },
    ],
  },
  {
    name: "ecr-BatchDeleteImage",
    service: "ecr",
    operation: "BatchDeleteImage",
    input: { registryId: account, repositoryName: "team/api", imageIds: [{ imageDigest: digest("b") }, { imageDigest: digest("d") }] },
    note: "EcrClient.BatchDeleteImageAsync: by digest, per-image failures",
    responses: [
      {
        imageIds: [{ imageDigest: digest("b"), imageTag: "old" }, { imageDigest: digest("b") }],
        failures: [{ imageId: { imageDigest: digest("d") }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }],
      },
    ],
  },
];

const ecsCases = [
  {
    name: "ecs-ListClusters",
    service: "ecs",
    operation: "ListClusters",
    input: {},
    pageSize: 100,
    paginate: ecsModule.paginateListClusters,
    note: "Every page: EcsClient.ListClustersAsync",
    responses: [{ clusterArns: [cluster, `arn:aws:ecs:us-east-1:${account}:cluster/staging`], nextToken: "clusters-page-2" }, { clusterArns: [`arn:aws:ecs:us-east-1:${account}:cluster/batch`] }],
  },
  {
    name: "ecs-ListClusters-empty-last-token",
    service: "ecs",
    operation: "ListClusters",
    input: {},
    pageSize: 100,
    paginate: ecsModule.paginateListClusters,
    note: "The last page carries an empty nextToken: the SDK's paginator stops there (it pages while the token is truthy)",
    responses: [{ clusterArns: [cluster], nextToken: "clusters-page-2" }, { clusterArns: [`arn:aws:ecs:us-east-1:${account}:cluster/batch`], nextToken: "" }],
  },
  {
    name: "ecs-ListServices",
    service: "ecs",
    operation: "ListServices",
    input: { cluster },
    pageSize: 100,
    paginate: ecsModule.paginateListServices,
    note: "Every page: EcsClient.ListServicesAsync",
    responses: [{ serviceArns: [serviceArn("app")], nextToken: "services-page-2" }, { serviceArns: [serviceArn("worker")] }],
  },
  {
    name: "ecs-DescribeServices",
    service: "ecs",
    operation: "DescribeServices",
    input: { cluster, services: [serviceArn("app"), serviceArn("gone")] },
    note: "EcsClient.DescribeServicesAsync",
    responses: [
      {
        services: [
          {
            serviceArn: serviceArn("app"),
            serviceName: "app",
            clusterArn: cluster,
            status: "ACTIVE",
            desiredCount: 2,
            runningCount: 2,
            taskDefinition: taskDefArn("app", 3),
            createdAt: 1690000000.5,
            deployments: [
              { id: "ecs-svc/1111111111111111111", status: "PRIMARY", taskDefinition: taskDefArn("app", 3), desiredCount: 2, runningCount: 1, createdAt: 1700000000.25, updatedAt: 1700000100 },
              { id: "ecs-svc/2222222222222222222", status: "ACTIVE", taskDefinition: taskDefArn("app", 2), desiredCount: 0, runningCount: 1, createdAt: 1690000000 },
            ],
            taskSets: [{ id: "ecs-svc/3333333333333333333", taskSetArn: `arn:aws:ecs:us-east-1:${account}:task-set/prod/app/ecs-svc/3333333333333333333`, status: "ACTIVE", taskDefinition: taskDefArn("app", 1), createdAt: 1680000000 }],
            currentServiceRevisions: [{ arn: revisionArn("app", "4980306466373577095"), requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0 }],
            launchType: "FARGATE",
          },
        ],
        failures: [{ arn: serviceArn("gone"), reason: "MISSING" }],
      },
    ],
  },
  {
    name: "ecs-DescribeServiceRevisions",
    service: "ecs",
    operation: "DescribeServiceRevisions",
    input: { serviceRevisionArns: [revisionArn("app", "4980306466373577095"), revisionArn("app", "1")] },
    note: "EcsClient.DescribeServiceRevisionsAsync: containerImages[].imageDigest is the digest ECS resolved",
    responses: [
      {
        serviceRevisions: [
          {
            serviceRevisionArn: revisionArn("app", "4980306466373577095"),
            serviceArn: serviceArn("app"),
            clusterArn: cluster,
            taskDefinition: taskDefArn("app", 3),
            launchType: "FARGATE",
            containerImages: [
              { containerName: "app", imageDigest: digest("a"), image: image("team/api", ":v1") },
              { containerName: "sidecar", imageDigest: digest("f"), image: "public.ecr.aws/aws-observability/aws-otel-collector:latest" },
            ],
            guardDutyEnabled: false,
            createdAt: 1700000000.125,
          },
        ],
        failures: [{ arn: revisionArn("app", "1"), reason: "MISSING", detail: "The service revision does not exist" }],
      },
    ],
  },
  {
    name: "ecs-ListTasks",
    service: "ecs",
    operation: "ListTasks",
    input: { cluster, desiredStatus: "RUNNING" },
    pageSize: 100,
    paginate: ecsModule.paginateListTasks,
    note: "Every page: EcsClient.ListRunningTasksAsync",
    responses: [{ taskArns: [taskArn("0123456789abcdef0123456789abcdef")], nextToken: "tasks-page-2" }, { taskArns: [taskArn("fedcba9876543210fedcba9876543210")] }],
  },
  {
    name: "ecs-DescribeTasks",
    service: "ecs",
    operation: "DescribeTasks",
    input: { cluster, tasks: [taskArn("0123456789abcdef0123456789abcdef"), taskArn("ffffffffffffffffffffffffffffffff")] },
    note: "EcsClient.DescribeTasksAsync",
    responses: [
      {
        tasks: [
          {
            taskArn: taskArn("0123456789abcdef0123456789abcdef"),
            clusterArn: cluster,
            taskDefinitionArn: taskDefArn("app", 3),
            lastStatus: "RUNNING",
            desiredStatus: "RUNNING",
            group: "service:app",
            launchType: "FARGATE",
            createdAt: 1700000000.5,
            startedAt: 1700000030,
            containers: [
              { containerArn: `arn:aws:ecs:us-east-1:${account}:container/prod/0123/aaaa`, name: "app", image: image("team/api", ":v1"), imageDigest: digest("a"), lastStatus: "RUNNING" },
              { name: "init", image: image("app", "@" + digest("c")), lastStatus: "STOPPED", exitCode: 0 },
            ],
          },
        ],
        failures: [{ arn: taskArn("ffffffffffffffffffffffffffffffff"), reason: "MISSING" }],
      },
    ],
  },
  {
    name: "ecs-DescribeTaskDefinition",
    service: "ecs",
    operation: "DescribeTaskDefinition",
    input: { taskDefinition: "app:3" },
    note: "EcsClient.DescribeTaskDefinitionAsync",
    responses: [
      {
        taskDefinition: {
          taskDefinitionArn: taskDefArn("app", 3),
          family: "app",
          revision: 3,
          status: "ACTIVE",
          registeredAt: 1700000000.75,
          containerDefinitions: [
            { name: "app", image: image("team/api", ":v1"), essential: true, cpu: 256, memory: 512 },
            { name: "sidecar", image: "public.ecr.aws/aws-observability/aws-otel-collector:latest", essential: false },
          ],
        },
      },
    ],
  },
  {
    name: "ecs-ListTaskDefinitions",
    service: "ecs",
    operation: "ListTaskDefinitions",
    input: { familyPrefix: "app", status: "ACTIVE", sort: "DESC" },
    pageSize: 100,
    paginate: ecsModule.paginateListTaskDefinitions,
    note: "Every page: EcsClient.ListActiveTaskDefinitionsAsync",
    responses: [{ taskDefinitionArns: [taskDefArn("app", 3), taskDefArn("app", 2)], nextToken: "definitions-page-2" }, { taskDefinitionArns: [taskDefArn("app", 1)] }],
  },
];

// Lambda (REST-JSON): what LambdaClient sends for account 111111111111: every version (FunctionVersion=ALL) in pages
// of 50, each version's code by Qualifier, and every alias of a function.
const lambdaArn = (name, qualifier) => `arn:aws:lambda:us-east-1:${account}:function:${name}${qualifier ? `:${qualifier}` : ""}`;
const lambdaVersion = (name, version, packageType, extra = {}) => ({
  FunctionName: name,
  FunctionArn: lambdaArn(name, version),
  Role: `arn:aws:iam::${account}:role/${name}`,
  CodeSize: 0,
  Description: "",
  Timeout: 3,
  MemorySize: 128,
  LastModified: "2026-11-20T03:00:00.000+0000",
  CodeSha256: packageType === "Image" ? "a".repeat(64) : "q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0qwe=",
  Version: version,
  RevisionId: "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
  State: "Active",
  PackageType: packageType,
  Architectures: ["x86_64"],
  ...extra,
});
const lambdaCases = [
  {
    name: "lambda-ListFunctions",
    service: "lambda",
    operation: "ListFunctions",
    input: { FunctionVersion: "ALL" },
    pageSize: 50,
    paginate: lambdaModule.paginateListFunctions,
    note: "Every version of every function, every page: LambdaClient.ListFunctionVersionsAsync; the marker has characters a query escapes",
    responses: [
      { Functions: [lambdaVersion("hook", "$LATEST", "Zip", { Runtime: "python3.12", Handler: "app.handler" }), lambdaVersion("resize", "$LATEST", "Image"), lambdaVersion("resize", "1", "Image")], NextMarker: "page+2/of=2 $" },
      { Functions: [lambdaVersion("resize", "2", "Image")] },
    ],
  },
  {
    name: "lambda-GetFunction",
    service: "lambda",
    operation: "GetFunction",
    input: { FunctionName: "resize", Qualifier: "$LATEST" },
    note: "LambdaClient.GetCodeAsync for $LATEST: the image and the digest Lambda resolved",
    responses: [
      {
        Configuration: lambdaVersion("resize", "$LATEST", "Image"),
        Code: { RepositoryType: "ECR", ImageUri: image("img/resize", ":latest"), ResolvedImageUri: image("img/resize", "@" + digest("a")) },
        Tags: { team: "media" },
      },
    ],
  },
  {
    name: "lambda-GetFunction-version",
    service: "lambda",
    operation: "GetFunction",
    input: { FunctionName: "resize", Qualifier: "12" },
    note: "LambdaClient.GetCodeAsync for a published version",
    responses: [
      {
        Configuration: lambdaVersion("resize", "12", "Image"),
        Code: { RepositoryType: "ECR", ImageUri: image("img/resize", ":v12"), ResolvedImageUri: image("img/resize", "@" + digest("b")) },
      },
    ],
  },
  {
    name: "lambda-ListAliases",
    service: "lambda",
    operation: "ListAliases",
    input: { FunctionName: "resize" },
    paginate: lambdaModule.paginateListAliases,
    note: "Every alias of a function, every page: LambdaClient.ListAliasesAsync; a weighted alias sends a share to a second version",
    responses: [
      { Aliases: [{ AliasArn: lambdaArn("resize", "beta"), Name: "beta", FunctionVersion: "11", Description: "", RoutingConfig: { AdditionalVersionWeights: { 12: 0.1 } }, RevisionId: "r-1" }], NextMarker: "aliases+2" },
      { Aliases: [{ AliasArn: lambdaArn("resize", "live"), Name: "live", FunctionVersion: "12", Description: "", RevisionId: "r-2" }] },
    ],
  },
];

const only = process.argv.slice(2);
for (const c of [...ecrCases, ...ecsCases, ...lambdaCases].filter((c) => only.length === 0 || only.includes(c.name))) {
  await capture(c);
  console.log(`captured ${c.name}: ${recorded.length} request(s)`);
}

if (only.length > 0) {
  ecr.destroy();
  ecs.destroy();
  server.close();
  console.log(`wrote ${written.length} files to ${outDir}`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------------
// Error shapes and retries: what the SDK raised, how often it tried, and the pauses between attempts.
const describeImagesInput = { registryId: account, repositoryName: "team/api", maxResults: 1000, filter: { imageStatus: "ANY" } };
const errorCases = [
  { case: "throttling-type-and-header", status: 400, headers: { "x-amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/" }, body: { __type: "ThrottlingException", message: "Rate exceeded" } },
  { case: "throttling-body-only", status: 400, body: { __type: "ThrottlingException", message: "Rate exceeded" } },
  { case: "repository-not-found-namespaced-type", status: 400, body: { __type: "com.amazonaws.ecr#RepositoryNotFoundException", message: "The repository with name 'team/api' does not exist in the registry with id '111111111111'" } },
  { case: "repository-not-found-namespace-and-suffix", status: 400, body: { __type: "com.amazonaws.ecr#RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecr/", message: "The repository does not exist" } },
  { case: "repository-not-found-header-only", status: 400, headers: { "x-amzn-ErrorType": "RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecr/" }, body: { message: "The repository does not exist" } },
  { case: "server-exception-500", status: 500, body: { __type: "ServerException", message: "internal" } },
  { case: "service-unavailable-503", status: 503, body: { __type: "ServiceUnavailableException", message: "Service unavailable" } },
  { case: "access-denied-capital-Message", status: 400, body: { __type: "AccessDeniedException", Message: "User: arn:aws:iam::111111111111:user/curator is not authorized to perform: ecr:DescribeImages on resource: arn:aws:ecr:us-east-1:111111111111:repository/team/api" } },
  { case: "expired-token", status: 400, body: { __type: "ExpiredTokenException", message: "The security token included in the request is expired" } },
  { case: "limit-exceeded", status: 400, body: { __type: "LimitExceededException", message: "limit" } },
  { case: "too-many-requests-429", status: 429, body: { __type: "TooManyRequestsException", message: "slow down" } },
  { case: "code-member-only", status: 400, body: { code: "RepositoryNotFoundException", message: "The repository does not exist" } },
  { case: "server-error-501", status: 501, body: { __type: "NotImplemented", message: "not implemented" } },
  { case: "ecs-access-denied", service: "ecs", operation: "ListClusters", input: { maxResults: 100 }, status: 400, body: { __type: "AccessDeniedException", message: "User: arn:aws:iam::111111111111:user/curator is not authorized to perform: ecs:ListClusters" } },
  { case: "ecs-client-exception", service: "ecs", operation: "ListClusters", input: { maxResults: 100 }, status: 400, body: { __type: "ClientException", message: "The specified cluster is inactive." } },
  { case: "ecs-server-exception", service: "ecs", operation: "ListClusters", input: { maxResults: 100 }, status: 500, body: { __type: "ServerException", message: "Service encountered an error" } },
];

// How the SDK's retry middleware classified each failed attempt (THROTTLING, TRANSIENT, SERVER_ERROR or
// CLIENT_ERROR; only the first two are retried), read off the configured retry strategy as it is asked.
let errorTypes = [];
for (const client of [ecr, ecs, lambda]) {
  const strategy = await client.config.retryStrategy();
  const refresh = strategy.refreshRetryTokenForRetry.bind(strategy);
  strategy.refreshRetryTokenForRetry = (token, info) => {
    errorTypes.push(info.errorType);
    return refresh(token, info);
  };
  if ((await client.config.retryStrategy()) !== strategy) throw new Error("the retry strategy is not one object per client");
}

const errorResults = [];
for (const c of errorCases) {
  const service = c.service ?? "ecr";
  const operation = c.operation ?? "DescribeImages";
  const input = c.input ?? describeImagesInput;
  queue = [{ status: c.status, headers: c.headers, body: JSON.stringify(c.body) }];
  recorded = [];
  errorTypes = [];
  const client = service === "ecr" ? ecr : ecs;
  const Command = (service === "ecr" ? ecrModule : ecsModule)[`${operation}Command`];
  const started = performance.now();
  let raised;
  try {
    await client.send(new Command(structuredClone(input)));
    throw new Error(`${c.case}: the SDK did not fail`);
  } catch (error) {
    raised = error;
  }
  const elapsed = performance.now() - started;
  const gaps = recorded.slice(1).map((r, i) => Math.round(r.at - recorded[i].at));
  const header = (r, name) => r.rawHeaders.find(([k]) => k.toLowerCase() === name)?.[1];
  errorResults.push({
    case: c.case,
    service,
    operation,
    input,
    responseStatus: c.status,
    responseHeaders: c.headers ?? {},
    responseBody: JSON.stringify(c.body),
    attempts: recorded.length,
    retryErrorTypes: errorTypes,
    amzSdkRequestHeaders: recorded.map((r) => header(r, "amz-sdk-request")),
    gapsMs: gaps,
    elapsedMs: Math.round(elapsed),
    error: {
      name: raised.name,
      message: raised.message,
      $fault: raised.$fault,
      $metadata: raised.$metadata,
      $retryable: raised.$retryable,
    },
    firstRequest: cleanRequests()[0],
  });
  console.log(`captured error ${c.case}: ${raised.name} after ${recorded.length} attempt(s)`);
}
write("errors-and-retries", {
  sdk: `${sdkOf("ecr")}, ${sdkOf("ecs")}`,
  node: process.version,
  fixedClock: FIXED_CLOCK,
  note: "Each case: the canned error response (repeated on every attempt), how many attempts the SDK made, how its retry middleware classified each failure (retryErrorTypes: THROTTLING and TRANSIENT are retried, SERVER_ERROR and CLIENT_ERROR are not), the amz-sdk-request header of each attempt, the pauses between attempts and the error it raised.",
  results: errorResults,
});

// ---------------------------------------------------------------------------------------------------------------
// Lambda's errors (REST-JSON): the code in x-amzn-ErrorType, a {"Type", "Message"} body, the status Lambda gives it.
const lambdaErrorCases = [
  { case: "lambda-function-not-found-404", operation: "GetFunction", input: { FunctionName: "gone", Qualifier: "3" }, status: 404, headers: { "x-amzn-ErrorType": "ResourceNotFoundException" }, body: { Type: "User", Message: `Function not found: ${lambdaArn("gone", "3")}` } },
  { case: "lambda-too-many-requests-429", operation: "ListFunctions", input: { FunctionVersion: "ALL", MaxItems: 50 }, status: 429, headers: { "x-amzn-ErrorType": "TooManyRequestsException", "Retry-After": "1" }, body: { Type: "User", Message: "Rate exceeded", Reason: "CallerRateLimitExceeded" } },
  { case: "lambda-access-denied-403", operation: "ListAliases", input: { FunctionName: "resize" }, status: 403, headers: { "x-amzn-ErrorType": "AccessDeniedException" }, body: { Type: "User", Message: `User: arn:aws:iam::${account}:user/curator is not authorized to perform: lambda:ListAliases on resource: ${lambdaArn("resize")}` } },
  { case: "lambda-service-exception-500", operation: "GetFunction", input: { FunctionName: "resize", Qualifier: "$LATEST" }, status: 500, headers: { "x-amzn-ErrorType": "ServiceException" }, body: { Type: "Service", Message: "internal" } },
];
const lambdaErrors = [];
for (const c of lambdaErrorCases) {
  queue = [{ status: c.status, headers: { ...restJson, ...c.headers }, body: JSON.stringify(c.body) }];
  recorded = [];
  errorTypes = [];
  let raised;
  try {
    await lambda.send(new lambdaModule[`${c.operation}Command`](structuredClone(c.input)));
    throw new Error(`${c.case}: the SDK did not fail`);
  } catch (error) {
    raised = error;
  }
  const header = (r, name) => r.rawHeaders.find(([k]) => k.toLowerCase() === name)?.[1];
  lambdaErrors.push({
    case: c.case,
    service: "lambda",
    operation: c.operation,
    input: c.input,
    responseStatus: c.status,
    responseHeaders: c.headers,
    responseBody: JSON.stringify(c.body),
    attempts: recorded.length,
    amzSdkRequestHeaders: recorded.map((r) => header(r, "amz-sdk-request")),
    error: { name: raised.name, message: raised.message, $fault: raised.$fault, $metadata: raised.$metadata, $retryable: raised.$retryable },
    firstRequest: cleanRequests()[0],
  });
  console.log(`captured error ${c.case}: ${raised.name} after ${recorded.length} attempt(s)`);
}
write("lambda-errors-and-retries", {
  sdk: sdkOf("lambda"),
  node: process.version,
  fixedClock: FIXED_CLOCK,
  note: "Each case: the canned Lambda error (repeated on every attempt), how many attempts the SDK made and the error it raised.",
  results: lambdaErrors,
});

// ---------------------------------------------------------------------------------------------------------------
// The backoff itself: the SDK's own retry strategy (the one the ECR client is configured with), with Math.random
// pinned to 1 for the ceiling of each retry and to 0 for the floor; timers run at once and their delays are read.
async function backoff(errorType, random, maxAttempts) {
  const probe = new ecrModule.ECRClient({ region, endpoint, credentials, maxAttempts });
  const strategy = await probe.config.retryStrategy();
  const realRandom = Math.random;
  const realSetTimeout = globalThis.setTimeout;
  const delays = [];
  Math.random = () => random;
  globalThis.setTimeout = (fn, ms, ...args) => {
    delays.push(ms);
    return realSetTimeout(fn, 0, ...args);
  };
  try {
    let token = await strategy.acquireInitialRetryToken("ecr");
    for (;;) {
      try {
        token = await strategy.refreshRetryTokenForRetry(token, { errorType });
      } catch {
        break;
      }
    }
  } finally {
    Math.random = realRandom;
    globalThis.setTimeout = realSetTimeout;
    probe.destroy();
  }
  return delays;
}
write("retry-backoff", {
  sdk: sdkOf("ecr"),
  smithyCore: `@smithy/core@${version("@smithy/core")}`,
  note:
    "The delay before retry n (n = 1 is the second attempt) is random() * min(cap, base * 2^(n-1)), full jitter. " +
    "ceilingsMs are the delays of the SDK's configured retry strategy with Math.random pinned to 1, floorsMs with it pinned to 0. " +
    "defaultMaxAttempts: retries the default strategy allows before giving up, plus one.",
  defaultMaxAttempts: (await backoff("TRANSIENT", 0, undefined)).length + 1,
  throttling: { ceilingsMs: await backoff("THROTTLING", 1, 10), floorsMs: await backoff("THROTTLING", 0, 10) },
  transient: { ceilingsMs: await backoff("TRANSIENT", 1, 10), floorsMs: await backoff("TRANSIENT", 0, 10) },
});

ecr.destroy();
ecs.destroy();
lambda.destroy();
server.close();
console.log(`wrote ${written.length} files to ${outDir}`);
