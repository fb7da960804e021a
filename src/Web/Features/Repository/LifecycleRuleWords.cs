using EcrCurator.Domain;
using Microsoft.Extensions.Localization;

namespace EcrCurator.Web.Features.Repository;

/// <summary>A lifecycle rule said in words: which images, which of them, and what happens to them.</summary>
public static class LifecycleRuleWords
{
    public static string Of(LifecycleRule rule, IStringLocalizer<LifecycleText> text)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(text);
        var selection = rule.TagStatus switch
        {
            LifecycleTagStatus.Untagged => text["Selection.Untagged"].Value,
            LifecycleTagStatus.Tagged when rule.TagPrefixes.Count > 0 => text["Selection.Prefixes", Quoted(rule.TagPrefixes, text)].Value,
            LifecycleTagStatus.Tagged => text["Selection.Patterns", Quoted(rule.TagPatterns, text)].Value,
            _ => text["Selection.Any"].Value,
        };
        if (rule.StorageClass == LifecycleStorageClass.Archive)
        {
            selection = text["Selection.Archived", selection];
        }

        var count = text[$"Count.{rule.CountType}", rule.CountNumber].Value;
        var action = text[$"Action.{rule.Action}"].Value;
        return text["Rule", selection, count, action];
    }

    private static string Quoted(IReadOnlyList<string> values, IStringLocalizer<LifecycleText> text) =>
        string.Join(text["And"], values.Select(value => $"“{value}”"));
}
