// ECR through @aws-sdk/client-ecr: every page, every batch limit, the errors, timestamps, manifests and deletions.
import assert from "node:assert/strict";
import {
  ECRClient, DescribeRepositoriesCommand, DescribeImagesCommand, BatchGetImageCommand, BatchDeleteImageCommand,
  ListTagsForResourceCommand, UpdateImageStorageClassCommand, GetLifecyclePolicyCommand, PutLifecyclePolicyCommand,
  paginateDescribeRepositories, paginateDescribeImages,
} from "@aws-sdk/client-ecr";
import { check, run, config, digest, rejects, all, A, B } from "./lib.mjs";

const ecr = new ECRClient(config());
const care = "care/api";
const hundredAndOne = Array.from({ length: 101 }, (_, i) => ({ imageTag: `t${i}` }));

check("DescribeRepositories answers 100 a page by default and the paginator walks every page", async () => {
  const first = await ecr.send(new DescribeRepositoriesCommand({}));
  assert.equal(first.repositories.length, 100);
  assert.ok(first.nextToken);
  const names = (await all(paginateDescribeRepositories({ client: ecr, pageSize: 30 }, {}), "repositories")).map((r) => r.repositoryName);
  assert.equal(names.length, 107);
  assert.equal(new Set(names).size, 107);
});

check("DescribeRepositories refuses a page of 1001 and a missing name", async () => {
  const error = await rejects(ecr.send(new DescribeRepositoriesCommand({ maxResults: 1001 })), "InvalidParameterException");
  assert.equal(error.$metadata.attempts, 1);
  assert.equal(error.$fault, "client");
  await rejects(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [care, "nope"] })), "RepositoryNotFoundException");
});

check("paginateDescribeImages walks every page of each tag and image status", async () => {
  const count = async (filter) => (await all(paginateDescribeImages({ client: ecr, pageSize: 7 }, { repositoryName: "paging/many", filter }), "imageDetails")).length;
  assert.equal(await count(undefined), 245);
  assert.equal(await count({ tagStatus: "TAGGED" }), 120);
  assert.equal(await count({ tagStatus: "UNTAGGED" }), 125);
  assert.equal(await count({ imageStatus: "ARCHIVED" }), 5);
  assert.equal(await count({ imageStatus: "ANY" }), 250);
  const big = await ecr.send(new DescribeImagesCommand({ repositoryName: "paging/many", maxResults: 1000, filter: { imageStatus: "ANY" } }));
  assert.equal(big.imageDetails.length, 250);
  assert.equal(big.nextToken, undefined);
  await rejects(ecr.send(new DescribeImagesCommand({ repositoryName: "paging/many", maxResults: 1001 })), "InvalidParameterException");
});

check("DescribeImages reports epoch-second timestamps as Dates, sizes, media types and subjects", async () => {
  const { imageDetails } = await ecr.send(new DescribeImagesCommand({
    repositoryName: care,
    imageIds: [{ imageTag: "v1" }, { imageTag: "latest" }, { imageDigest: digest("care-sig") }],
  }));
  const [v1, index, signature] = imageDetails;
  assert.ok(v1.imagePushedAt instanceof Date);
  assert.equal(v1.imagePushedAt.toISOString(), "2026-11-02T00:00:00.000Z");
  assert.equal(v1.lastRecordedPullTime.toISOString(), "2026-11-04T00:00:00.250Z");
  assert.deepEqual(index.imageTags, ["v2", "latest"]);
  assert.equal(index.imageSizeInBytes, 3000);
  assert.equal(index.imageManifestMediaType, "application/vnd.oci.image.index.v1+json");
  assert.equal(signature.subjectManifestDigest, digest("care-v1"));
  assert.equal(signature.imageTags, undefined);
});

check("DescribeImages fails whole with ImageNotFoundException when one id is missing", async () => {
  const error = await rejects(ecr.send(new DescribeImagesCommand({ repositoryName: care, imageIds: [{ imageTag: "v1" }, { imageTag: "missing" }] })), "ImageNotFoundException");
  assert.match(error.message, /imageTag:'missing'/);
});

check("every batch of image ids is limited to 100", async () => {
  await rejects(ecr.send(new DescribeImagesCommand({ repositoryName: "paging/many", imageIds: hundredAndOne })), "InvalidParameterException");
  await rejects(ecr.send(new BatchGetImageCommand({ repositoryName: "paging/many", imageIds: hundredAndOne })), "InvalidParameterException");
  await rejects(ecr.send(new BatchDeleteImageCommand({ repositoryName: "paging/many", imageIds: hundredAndOne })), "InvalidParameterException");
  const hundred = await ecr.send(new BatchGetImageCommand({ repositoryName: "paging/many", imageIds: hundredAndOne.slice(0, 100) }));
  assert.equal(hundred.images.length + hundred.failures.length, 100);
});

check("BatchGetImage builds manifests from the world and reports failures per image", async () => {
  const answer = await ecr.send(new BatchGetImageCommand({
    repositoryName: care,
    imageIds: [{ imageTag: "latest" }, { imageTag: "v1" }, { imageDigest: digest("care-sig") }, { imageTag: "missing" }],
    acceptedMediaTypes: ["application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"],
  }));
  const [index, v1, signature] = answer.images.map((image) => JSON.parse(image.imageManifest));
  assert.deepEqual(index.manifests.map((m) => m.digest), [digest("care-v2-amd64"), digest("care-v2-arm64")]);
  assert.deepEqual(v1.layers.map((l) => [l.digest, l.size]), [[digest("layer-base"), 1000], [digest("layer-v1"), 2000]]);
  assert.equal(signature.subject.digest, digest("care-v1"));
  assert.deepEqual(answer.failures, [{ imageId: { imageTag: "missing" }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }]);
});

check("BatchDeleteImage deletes by tag and by digest, and refuses a child its index still lists", async () => {
  const child = { imageDigest: digest("care-v2-amd64") };
  const refused = await ecr.send(new BatchDeleteImageCommand({ repositoryName: care, imageIds: [child, { imageTag: "latest" }] }));
  assert.equal(refused.failures[0].failureCode, "ImageReferencedByManifestList");
  assert.deepEqual(refused.imageIds, [{ imageDigest: digest("care-v2"), imageTag: "latest" }]);
  const deleted = await ecr.send(new BatchDeleteImageCommand({ repositoryName: care, imageIds: [{ imageDigest: digest("care-v2") }, child] }));
  assert.deepEqual(deleted.imageIds, [{ imageDigest: digest("care-v2"), imageTag: "v2" }, child]);
  assert.deepEqual(deleted.failures, []);
  const left = await ecr.send(new DescribeImagesCommand({ repositoryName: care, filter: { imageStatus: "ANY" } }));
  assert.equal(left.imageDetails.length, 5);
  await rejects(ecr.send(new DescribeImagesCommand({ repositoryName: care, imageIds: [{ imageTag: "v2" }] })), "ImageNotFoundException");
});

check("UpdateImageStorageClass archives one image, BatchGetImage then answers ImageInaccessible, a restore is ACTIVATING", async () => {
  const archived = await ecr.send(new UpdateImageStorageClassCommand({ repositoryName: care, imageId: { imageTag: "v1" }, targetStorageClass: "ARCHIVE" }));
  assert.equal(archived.imageStatus, "ARCHIVED");
  assert.equal(archived.imageId.imageDigest, digest("care-v1"));
  const { imageDetails: [v1] } = await ecr.send(new DescribeImagesCommand({ repositoryName: care, imageIds: [{ imageTag: "v1" }] }));
  assert.equal(v1.imageStatus, "ARCHIVED");
  assert.ok(v1.lastArchivedAt instanceof Date);
  const got = await ecr.send(new BatchGetImageCommand({ repositoryName: care, imageIds: [{ imageTag: "v1" }] }));
  assert.deepEqual(got.images, []);
  assert.equal(got.failures[0].failureCode, "ImageInaccessible");
  const restoring = await ecr.send(new UpdateImageStorageClassCommand({ repositoryName: care, imageId: { imageTag: "v1" }, targetStorageClass: "STANDARD" }));
  assert.equal(restoring.imageStatus, "ACTIVATING");
  await rejects(ecr.send(new UpdateImageStorageClassCommand({ repositoryName: care, imageId: { imageTag: "v1" }, targetStorageClass: "ARCHIVE" })), "ImageStorageClassUpdateNotSupportedException");
});

check("ListTagsForResource answers the repository's tags; another account reads its own registry", async () => {
  const { tags } = await ecr.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:ecr:ap-northeast-1:${A}:repository/${care}` }));
  assert.deepEqual(tags, [{ Key: "team", Value: "care" }, { Key: "cost-center", Value: "42" }]);
  const b = new ECRClient(config(B));
  const { repositories } = await b.send(new DescribeRepositoriesCommand({}));
  assert.deepEqual(repositories.map((r) => r.repositoryName), ["b/own"]);
});

check("GetLifecyclePolicy answers LifecyclePolicyNotFoundException until PutLifecyclePolicy sets a policy, then its text", async () => {
  await rejects(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: "paging/many" })), "LifecyclePolicyNotFoundException");
  const text = JSON.stringify({ rules: [{ rulePriority: 1, description: "Keep the newest ten", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } }] });
  const put = await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: "paging/many", lifecyclePolicyText: text }));
  assert.equal(put.lifecyclePolicyText, text);
  const got = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: "paging/many" }));
  assert.deepEqual([got.registryId, got.repositoryName, got.lifecyclePolicyText], [A, "paging/many", text]);
  await rejects(ecr.send(new PutLifecyclePolicyCommand({ repositoryName: "paging/many", lifecyclePolicyText: "{}" })), "InvalidParameterException");
  await rejects(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: "nope" })), "RepositoryNotFoundException");
});

check("the request id of every answer reaches the SDK", async () => {
  const { $metadata } = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 1 }));
  assert.match($metadata.requestId, /^[0-9a-f-]{36}$/);
});

await run();
