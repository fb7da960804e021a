namespace EcrCurator.Infrastructure.Aws.Lambda;

/// <summary>
/// The Lambda operations the product calls (REST-JSON), every page, each call paced to stay within Lambda's request
/// rates for the account-region (<see cref="LambdaRates"/>).
/// </summary>
public sealed class LambdaClient(AwsJsonClient client, LambdaRates rates)
{
    private const string Functions = "/2015-03-31/functions";

    /// <summary>ListFunctions answers at most 50 a page, whatever is asked.</summary>
    public const int PageLimit = 50;

    /// <summary>Every version of every function, <c>$LATEST</c> and the published ones (<c>FunctionVersion=ALL</c>).</summary>
    public async Task<List<FunctionConfiguration>> ListFunctionVersionsAsync(CancellationToken cancellation)
    {
        var versions = new List<FunctionConfiguration>();
        string? marker = null;
        do
        {
            var query = "FunctionVersion=ALL" + (marker is null ? "" : $"&Marker={Uri.EscapeDataString(marker)}") + $"&MaxItems={PageLimit}";
            var page = await GetAsync<ListFunctionsResponse>("ListFunctions", $"{Functions}?{query}", cancellation);
            versions.AddRange(page.Functions ?? []);
            marker = page.NextMarker;
        }
        while (!string.IsNullOrEmpty(marker));
        return versions;
    }

    /// <summary>One version's code location; null when the function or the version is gone.</summary>
    public async Task<FunctionCodeLocation?> GetCodeAsync(string function, string version, CancellationToken cancellation)
    {
        try
        {
            var answer = await GetAsync<GetFunctionResponse>("GetFunction", $"{Functions}/{Uri.EscapeDataString(function)}?Qualifier={Uri.EscapeDataString(version)}", cancellation);
            return answer.Code ?? new FunctionCodeLocation(null, null, null);
        }
        catch (AwsException error) when (error.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>Every alias of a function; null when the function is gone.</summary>
    public async Task<List<AliasConfiguration>?> ListAliasesAsync(string function, CancellationToken cancellation)
    {
        var aliases = new List<AliasConfiguration>();
        string? marker = null;
        try
        {
            do
            {
                var query = marker is null ? "" : $"?Marker={Uri.EscapeDataString(marker)}";
                var page = await GetAsync<ListAliasesResponse>("ListAliases", $"{Functions}/{Uri.EscapeDataString(function)}/aliases{query}", cancellation);
                aliases.AddRange(page.Aliases ?? []);
                marker = page.NextMarker;
            }
            while (!string.IsNullOrEmpty(marker));
        }
        catch (AwsException error) when (error.Code == "ResourceNotFoundException")
        {
            return null;
        }

        return aliases;
    }

    private async Task<T> GetAsync<T>(string operation, string pathAndQuery, CancellationToken cancellation)
    {
        await rates.WaitAsync(client.Target, operation, cancellation);
        return await client.GetAsync<T>(operation, pathAndQuery, cancellation);
    }
}
