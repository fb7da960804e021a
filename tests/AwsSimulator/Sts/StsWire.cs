using System.Xml.Linq;
using EcrCurator.AwsSimulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace EcrCurator.AwsSimulator.Sts;

/// <summary>The query protocol's XML answers and errors (STS names its errors without the <c>Exception</c> suffix).</summary>
internal static class StsWire
{
    private static readonly Dictionary<string, (string Code, int Status)> Codes = new()
    {
        ["MissingAuthenticationTokenException"] = ("MissingAuthenticationToken", 403),
        ["IncompleteSignatureException"] = ("IncompleteSignature", 400),
        ["InvalidSignatureException"] = ("SignatureDoesNotMatch", 403),
        ["ThrottlingException"] = ("Throttling", 400),
        ["AccessDeniedException"] = ("AccessDenied", 403),
        ["ServerException"] = ("InternalFailure", 500),
        ["ServiceUnavailableException"] = ("ServiceUnavailable", 503),
        ["UnknownOperationException"] = ("InvalidAction", 400),
    };

    public static Task WriteResult(HttpResponse response, string operation, string requestId, XElement result)
    {
        var document = new XElement(StsApi.Namespace + $"{operation}Response",
            result,
            new XElement(StsApi.Namespace + "ResponseMetadata", new XElement(StsApi.Namespace + "RequestId", requestId)));
        response.ContentType = "text/xml";
        return response.WriteAsync(document.ToString(SaveOptions.DisableFormatting));
    }

    public static Task WriteError(HttpResponse response, string requestId, AwsException error)
    {
        var (code, status) = Codes.GetValueOrDefault(error.Code, (error.Code, error.Status));
        var document = new XElement(StsApi.Namespace + "ErrorResponse",
            new XElement(StsApi.Namespace + "Error",
                new XElement(StsApi.Namespace + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(StsApi.Namespace + "Code", code),
                new XElement(StsApi.Namespace + "Message", error.Message)),
            new XElement(StsApi.Namespace + "RequestId", requestId));
        response.StatusCode = status;
        response.ContentType = "text/xml";
        return response.WriteAsync(document.ToString(SaveOptions.DisableFormatting));
    }
}
