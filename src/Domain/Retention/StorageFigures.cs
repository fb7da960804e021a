namespace EcrCurator.Domain;

/// <summary>
/// A repository's bytes: all images' sizes as ECR reports them; the candidates' sizes added as the ECR console
/// adds them; and the bytes deleting the candidates actually frees, counting each layer once per repository
/// (a layer shared with a kept image frees nothing). A candidate to quarantine is archived, not deleted: it frees
/// nothing (its layers count as kept), and its size is <see cref="QuarantineBytes"/>.
/// </summary>
public readonly record struct StorageFigures(long ImageBytes, long CandidateBytes, long ReclaimableBytes)
{
    /// <summary>The sizes of the candidates that are archived (quarantined) instead of deleted, part of <see cref="CandidateBytes"/>.</summary>
    public long QuarantineBytes { get; init; }

    public static StorageFigures Of(IReadOnlyList<ImageDecision> decisions)
    {
        long all = 0, candidates = 0, reclaimable = 0, quarantine = 0;
        int keptLayerCount = 0, candidateLayerCount = 0;
        foreach (var decision in decisions)
        {
            if (Frees(decision))
            {
                candidateLayerCount += decision.Image.Layers?.Count ?? 1;
            }
            else
            {
                keptLayerCount += decision.Image.Layers?.Count ?? 1;
            }
        }

        // Sized up front: growing sets is most of what deciding a repository allocates.
        var keptLayers = new HashSet<string>(keptLayerCount, DigestComparer.Instance);
        foreach (var decision in decisions)
        {
            all += decision.Image.SizeBytes;
            if (!Frees(decision))
            {
                var layers = LayersOf(decision.Image);
                for (var l = 0; l < layers.Count; l++)
                {
                    keptLayers.Add(layers[l].Digest);
                }
            }
        }

        var freed = new HashSet<string>(candidateLayerCount, DigestComparer.Instance);
        foreach (var decision in decisions)
        {
            if (decision.IsCandidate)
            {
                candidates += decision.Image.SizeBytes;
                quarantine += decision.Action == RetentionAction.Quarantine ? decision.Image.SizeBytes : 0;
            }

            if (Frees(decision))
            {
                var layers = LayersOf(decision.Image);
                for (var l = 0; l < layers.Count; l++)
                {
                    if (!keptLayers.Contains(layers[l].Digest) && freed.Add(layers[l].Digest))
                    {
                        reclaimable += layers[l].Size;
                    }
                }
            }
        }

        return new StorageFigures(all, candidates, reclaimable) { QuarantineBytes = quarantine };
    }

    /// <summary>A candidate that is deleted: its layers may be freed.</summary>
    private static bool Frees(ImageDecision decision) => decision is { IsCandidate: true, Action: RetentionAction.Delete };

    /// <summary>An image's layers; where they are unknown, one layer of its own size (an index has none).</summary>
    private static IReadOnlyList<Layer> LayersOf(ImageRecord image) =>
        image.Layers ?? (image.IsIndex ? [] : [new Layer(image.Digest, image.SizeBytes)]);
}
