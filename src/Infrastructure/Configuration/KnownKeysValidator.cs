using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Configuration;

/// <summary>
/// Refuses every key under <c>Curator</c> that no registered section declares, naming it and the keys allowed there:
/// a misspelt <c>Curator:Proxy:KnownNetwork</c> would otherwise be ignored and leave its default in force.
/// </summary>
public sealed class KnownKeysValidator(IConfiguration configuration, IEnumerable<SettingsSection> sections) : IValidateOptions<KnownKeys>
{
    private readonly IReadOnlyList<SettingsSection> sections = [.. sections];

    public ValidateOptionsResult Validate(string? name, KnownKeys options)
    {
        var problems = Check(configuration.GetSection(Settings.Root), TypesAt(Settings.Root)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <param name="types">The types whose properties are keys here (none: only registered sections below).</param>
    private IEnumerable<string> Check(IConfigurationSection section, IReadOnlyList<Type> types)
    {
        if (types.Any(IsOpen))
        {
            yield break;
        }

        foreach (var child in section.GetChildren())
        {
            var childTypes = TypesAt(child.Path).Concat(types.Select(type => MemberType(type, child.Key)).OfType<Type>()).ToList();
            if (childTypes.Count == 0 && !sections.Any(registered => registered.Path.StartsWith(child.Path + ":", StringComparison.OrdinalIgnoreCase)))
            {
                yield return types.Any(IsList)
                    ? $"{child.Path} is not a setting; {section.Path} is a list, numbered from 0."
                    : types.Any(IsScalar)
                        ? $"{child.Path} is not a setting; {section.Path} takes a single value."
                        : $"{child.Path} is not a setting; the settings here are {string.Join(", ", KeysAt(section.Path, types))}.";
                continue;
            }

            foreach (var problem in Check(child, childTypes))
            {
                yield return problem;
            }
        }
    }

    private List<Type> TypesAt(string path) =>
        [.. sections.Where(registered => string.Equals(registered.Path, path, StringComparison.OrdinalIgnoreCase)).Select(registered => registered.Type)];

    private IEnumerable<string> KeysAt(string path, IReadOnlyList<Type> types) =>
        types.SelectMany(type => Properties(type).Select(KeyOf))
            .Concat(sections.Where(registered => registered.Path.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase))
                .Select(registered => registered.Path[(path.Length + 1)..].Split(':')[0]))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>The type bound at <paramref name="key"/> below a section of <paramref name="type"/>, if that key is one.</summary>
    private static Type? MemberType(Type type, string key)
    {
        if (IsScalar(type))
        {
            return null;
        }

        if (DictionaryValue(type) is { } value)
        {
            return value;
        }

        if (ListItem(type) is { } item)
        {
            return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? item : null;
        }

        return Properties(type).FirstOrDefault(property => string.Equals(KeyOf(property), key, StringComparison.OrdinalIgnoreCase)) is { } found
            ? Nullable.GetUnderlyingType(found.PropertyType) ?? found.PropertyType
            : null;
    }

    /// <summary>What the configuration binder fills: public instance properties it can set, or fill in place.</summary>
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && (property.SetMethod?.IsPublic == true || !IsScalar(property.PropertyType)));

    private static string KeyOf(PropertyInfo property) => property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;

    /// <summary>A value written as one string (a number, a name, a time), not a section.</summary>
    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
               || (type != typeof(object) && TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string)));
    }

    /// <summary>Anything goes below: an untyped section.</summary>
    private static bool IsOpen(Type type) => type == typeof(object) || typeof(IConfiguration).IsAssignableFrom(type);

    private static bool IsList(Type type) => !IsScalar(type) && ListItem(type) is not null && DictionaryValue(type) is null;

    private static Type? ListItem(Type type) =>
        type.IsArray
            ? type.GetElementType()
            : typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string)
                ? EnumerableItem(type)
                : null;

    private static Type? EnumerableItem(Type type) =>
        (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type : null)
        ?? type.GetInterfaces().FirstOrDefault(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    private static Type? DictionaryValue(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                                             && (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            ? type
            : type.GetInterfaces().FirstOrDefault(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }
}
