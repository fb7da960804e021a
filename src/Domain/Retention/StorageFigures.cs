namespace EcrCurator.Domain;

/// <summary>
/// A repository's bytes: all images' sizes as ECR reports them; the candidates' sizes added as the ECR console
/// adds them; and the bytes deleting the candidates actually frees, counting each layer once per repository
/// (a layer shared with a kept image frees nothing).
/// </summary>
public readonly record struct StorageFigures(long ImageBytes, long CandidateBytes, long ReclaimableBytes);
