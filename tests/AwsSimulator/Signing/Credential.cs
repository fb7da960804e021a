namespace EcrCurator.AwsSimulator.Signing;

/// <summary>The credential scope of a SigV4 signature: <c>AKID/yyyyMMdd/region/service/aws4_request</c>.</summary>
internal sealed record Credential(string AccessKeyId, string Date, string Region, string Service)
{
    /// <summary>The account a request acts as: its access key id when that is 12 digits, else none.</summary>
    public string? AccountId => AccessKeyId.Length == 12 && AccessKeyId.All(char.IsAsciiDigit) ? AccessKeyId : null;
}
