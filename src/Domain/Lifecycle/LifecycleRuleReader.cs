using System.Text.Json;

namespace EcrCurator.Domain;

/// <summary>Reads one rule of a lifecycle policy's JSON, member by member, refusing anything undocumented.</summary>
internal static class LifecycleRuleReader
{
    public static LifecycleRule Read(JsonElement rule, int index)
    {
        var at = $"rules[{index}]";
        var members = Members(rule, at, "rulePriority", "description", "selection", "action");
        var priority = members.TryGetValue("rulePriority", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var number) && number >= 1
            ? number
            : throw new FormatException($"{at} has no rulePriority that is a whole number of at least 1");
        at = $"the rule of priority {priority}";
        var description = members.TryGetValue("description", out var d) ? Text(d, at, "description") : null;
        var selection = Members(Required(members, "selection", at), $"{at}'s selection",
            "tagStatus", "tagPatternList", "tagPrefixList", "storageClass", "countType", "countUnit", "countNumber");
        var action = Members(Required(members, "action", at), $"{at}'s action", "type", "targetStorageClass");

        var read = new LifecycleRule
        {
            Priority = priority,
            Description = description,
            TagStatus = Choice(Required(selection, "tagStatus", at), at, "tagStatus",
                ("tagged", LifecycleTagStatus.Tagged), ("untagged", LifecycleTagStatus.Untagged), ("any", LifecycleTagStatus.Any)),
            TagPrefixes = selection.TryGetValue("tagPrefixList", out var prefixes) ? Texts(prefixes, at, "tagPrefixList") : [],
            TagPatterns = selection.TryGetValue("tagPatternList", out var patterns) ? Texts(patterns, at, "tagPatternList") : [],
            StorageClass = selection.TryGetValue("storageClass", out var storage)
                ? Choice(storage, at, "storageClass", ("standard", LifecycleStorageClass.Standard), ("archive", LifecycleStorageClass.Archive))
                : LifecycleStorageClass.Standard,
            CountType = Choice(Required(selection, "countType", at), at, "countType",
                ("imageCountMoreThan", LifecycleCountType.ImageCountMoreThan), ("sinceImagePushed", LifecycleCountType.SinceImagePushed),
                ("sinceImagePulled", LifecycleCountType.SinceImagePulled), ("sinceImageTransitioned", LifecycleCountType.SinceImageTransitioned)),
            CountNumber = Required(selection, "countNumber", at) is { ValueKind: JsonValueKind.Number } count && count.TryGetInt32(out var n) && n >= 1
                ? n
                : throw new FormatException($"{at}: countNumber is not a whole number of at least 1"),
            Action = Choice(Required(action, "type", at), at, "action type", ("expire", LifecycleAction.Expire), ("transition", LifecycleAction.Transition)),
        };
        LifecyclePolicyRules.CheckRule(read, at,
            unit: selection.TryGetValue("countUnit", out var unit) ? Text(unit, at, "countUnit") : null,
            explicitStorageClass: selection.ContainsKey("storageClass"),
            target: action.TryGetValue("targetStorageClass", out var target) ? Text(target, at, "targetStorageClass") : null);
        return read;
    }

    /// <summary>An object's members by name; a name not among <paramref name="known"/>, or repeated, is not understood.</summary>
    private static Dictionary<string, JsonElement> Members(JsonElement element, string at, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{at} is not a JSON object");
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"{at} has '{property.Name}', which the documentation does not describe");
            }

            if (!members.TryAdd(property.Name, property.Value))
            {
                throw new FormatException($"{at} has '{property.Name}' twice");
            }
        }

        return members;
    }

    private static JsonElement Required(Dictionary<string, JsonElement> members, string name, string at) =>
        members.TryGetValue(name, out var value) ? value : throw new FormatException($"{at} has no {name}");

    private static string Text(JsonElement value, string at, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{at}: {name} is not a string");

    private static IReadOnlyList<string> Texts(JsonElement value, string at, string name)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new FormatException($"{at}: {name} is not a list of one or more strings");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"{at}: {name} holds something other than a non-empty string"))];
    }

    private static T Choice<T>(JsonElement value, string at, string name, params (string Text, T Value)[] choices)
    {
        var text = Text(value, at, name);
        foreach (var choice in choices)
        {
            if (choice.Text == text)
            {
                return choice.Value;
            }
        }

        throw new FormatException($"{at}: {name} '{text}' is not one of {string.Join(", ", choices.Select(choice => choice.Text))}");
    }
}
