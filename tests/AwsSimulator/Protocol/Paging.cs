using System.Text;

namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>One page of results and the opaque token of the next, absent on the last page.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>
/// AWS's pagination over sorted keys: page sizes checked against each operation's range, and an opaque
/// <c>nextToken</c> that names the last key returned, so pages stay right when the world changes between them.
/// </summary>
internal static class Paging
{
    public static int PageSize(int? maxResults, int defaultSize, int max)
    {
        if (maxResults is not { } size)
        {
            return defaultSize;
        }

        if (size < 1 || size > max)
        {
            var bound = size < 1 ? "greater than or equal to 1" : $"less than or equal to {max}";
            throw AwsException.InvalidParameter($"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy constraint: Member must have value {bound}");
        }

        return size;
    }

    public static Page<TOut> Take<TValue, TOut>(
        SortedList<string, TValue> source, string? nextToken, string operation, int size, Func<TValue, TOut?> select)
        where TOut : class
    {
        var after = KeyOf(nextToken, operation);
        var items = new List<TOut>(Math.Min(size, source.Count));
        var last = after;
        for (var i = StartAfter(source.Keys, after); i < source.Count; i++)
        {
            if (select(source.Values[i]) is not { } item)
            {
                continue;
            }

            if (items.Count == size)
            {
                return new Page<TOut>(items, Token(operation, last!));
            }

            items.Add(item);
            last = source.Keys[i];
        }

        return new Page<TOut>(items, null);
    }

    /// <summary>Pages a list already in order, whose items are identified by <paramref name="keyOf"/> in that order.</summary>
    public static Page<T> Take<T>(IReadOnlyList<T> source, Func<T, string> keyOf, string? nextToken, string operation, int size)
    {
        var after = KeyOf(nextToken, operation);
        var start = 0;
        if (after is not null)
        {
            while (start < source.Count && keyOf(source[start]) != after)
            {
                start++;
            }

            start++;
        }

        var items = source.Skip(start).Take(size).ToList();
        var more = start + size < source.Count;
        return new Page<T>(items, more ? Token(operation, keyOf(items[^1])) : null);
    }

    private static string Token(string operation, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{operation}\n{key}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? KeyOf(string? token, string operation)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            var parts = text.Split('\n', 2);
            if (parts.Length == 2 && parts[0] == operation)
            {
                return parts[1];
            }
        }
        catch (FormatException)
        {
        }

        throw AwsException.InvalidParameter("Invalid NextToken");
    }

    private static int StartAfter(IList<string> keys, string? after)
    {
        if (after is null)
        {
            return 0;
        }

        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(keys[middle], after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
