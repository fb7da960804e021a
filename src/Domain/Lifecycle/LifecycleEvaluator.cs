namespace EcrCurator.Domain;

/// <summary>
/// Applies a lifecycle policy to a repository's images as they are at one instant, with ECR's documented semantics
/// ("How lifecycle policies work"): every rule selects and marks as if no rule had acted; then, in priority order, a
/// rule acts on the images it marked unless a higher-priority rule selected them, so an image is acted on by at most
/// one rule; an OCI referrer of an image acted on follows it. Pure: the instant is a parameter.
/// </summary>
public static class LifecycleEvaluator
{
    public static IReadOnlyList<LifecycleMark> Evaluate(LifecyclePolicy policy, IReadOnlyList<ImageRecord> images, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(images);
        var rules = policy.Rules;
        var actedBy = new int[images.Count]; // the acting rule's position + 1, 0 for none
        var followsSubject = new bool[images.Count];
        var selectedBefore = new bool[images.Count];
        var selected = new List<int>(images.Count);
        var marked = new List<int>(images.Count);
        for (var r = 0; r < rules.Count; r++)
        {
            selected.Clear();
            for (var i = 0; i < images.Count; i++)
            {
                if (rules[r].Selects(images[i]))
                {
                    selected.Add(i);
                }
            }

            LifecycleCount.Mark(rules[r], selected, images, now, marked);
            foreach (var i in marked)
            {
                if (!selectedBefore[i])
                {
                    actedBy[i] = r + 1;
                }
            }

            foreach (var i in selected)
            {
                selectedBefore[i] = true;
            }
        }

        FollowSubjects(images, rules, actedBy, followsSubject);
        var marks = new List<LifecycleMark>();
        for (var i = 0; i < images.Count; i++)
        {
            if (actedBy[i] > 0)
            {
                var rule = rules[actedBy[i] - 1];
                marks.Add(new LifecycleMark(i, images[i], rule.Priority, rule.Action, followsSubject[i]));
            }
        }

        return marks;
    }

    /// <summary>
    /// ECR expires or archives the referrers (OCI <c>subject</c>) of an image it expires or archives: each referrer no rule
    /// acts on goes with its subject, under the subject's rule, until nothing changes. An archived referrer stays as it is
    /// when its subject is only archived.
    /// </summary>
    private static void FollowSubjects(IReadOnlyList<ImageRecord> images, IReadOnlyList<LifecycleRule> rules, int[] actedBy, bool[] followsSubject)
    {
        Dictionary<string, List<int>>? referrers = null;
        for (var i = 0; i < images.Count; i++)
        {
            if (images[i].Subject is { } subject && subject != images[i].Digest)
            {
                referrers ??= new Dictionary<string, List<int>>(DigestComparer.Instance);
                if (!referrers.TryGetValue(subject, out var list))
                {
                    referrers[subject] = list = [];
                }

                list.Add(i);
            }
        }

        if (referrers is null)
        {
            return;
        }

        var queue = new Queue<int>(Enumerable.Range(0, images.Count).Where(i => actedBy[i] > 0));
        while (queue.TryDequeue(out var subject))
        {
            if (!referrers.TryGetValue(images[subject].Digest, out var list))
            {
                continue;
            }

            var action = rules[actedBy[subject] - 1].Action;
            foreach (var referrer in list)
            {
                if (actedBy[referrer] == 0 && !(action == LifecycleAction.Transition && images[referrer].Status == ImageStatus.Archived))
                {
                    actedBy[referrer] = actedBy[subject];
                    followsSubject[referrer] = true;
                    queue.Enqueue(referrer);
                }
            }
        }
    }
}

/// <summary>An image a lifecycle policy would expire or archive, by which rule (its priority).</summary>
/// <param name="Position">Where the image is in the list evaluated.</param>
/// <param name="FollowsSubject">Whether it goes only because it is a referrer of an image the rule acts on.</param>
public readonly record struct LifecycleMark(int Position, ImageRecord Image, int Rule, LifecycleAction Action, bool FollowsSubject);
