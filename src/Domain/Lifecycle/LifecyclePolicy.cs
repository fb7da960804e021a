using System.Text.Json;

namespace EcrCurator.Domain;

/// <summary>
/// An ECR lifecycle policy, understood exactly as its documentation describes it: rules in <c>rulePriority</c> order.
/// A policy with anything the documentation does not describe, or that it says ECR refuses, is not understood
/// (<see cref="TryParse"/> says what), never guessed at.
/// </summary>
public sealed record LifecyclePolicy
{
    private LifecyclePolicy(IReadOnlyList<LifecycleRule> rules) => Rules = rules;

    /// <summary>The rules, lowest <c>rulePriority</c> (applied first) first.</summary>
    public IReadOnlyList<LifecycleRule> Rules { get; }

    /// <summary>The policy of an ECR policy text, or null and what in it is not understood.</summary>
    public static bool TryParse(string text, out LifecyclePolicy? policy, out string? notUnderstood)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            policy = Parse(text);
            notUnderstood = null;
            return true;
        }
        catch (FormatException error)
        {
            policy = null;
            notUnderstood = error.Message;
            return false;
        }
    }

    /// <exception cref="FormatException">What in the text is not understood.</exception>
    public static LifecyclePolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            throw new FormatException($"the text is not JSON ({error.Message.Split(" Path:")[0]})", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the policy is not a JSON object");
            }

            JsonElement? rules = null;
            foreach (var property in root.EnumerateObject())
            {
                rules = property.Name == "rules" && rules is null
                    ? property.Value
                    : throw new FormatException($"the policy's property '{property.Name}' is not one the documentation describes (or is repeated)");
            }

            if (rules is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
            {
                throw new FormatException("the policy has no list of rules");
            }

            var read = list.EnumerateArray().Select((rule, index) => LifecycleRuleReader.Read(rule, index)).ToList();
            LifecyclePolicyRules.Check(read);
            return new LifecyclePolicy([.. read.OrderBy(rule => rule.Priority)]);
        }
    }
}
