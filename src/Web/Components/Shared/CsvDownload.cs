using System.Text;
using EcrCurator.Web.SignIn;

namespace EcrCurator.Web.Components.Shared;

/// <summary>
/// Sends a CSV export (<see cref="Csv"/>) from a plain HTTP endpoint: the feature service is asked as the person making
/// the request (it refuses before reading anything: 403 with its reason), then the rows are streamed as they are read.
/// </summary>
public static class CsvDownload
{
    private const int FlushEvery = 500;

    /// <param name="name">The file's name before its time stamp, e.g. <c>audit</c>.</param>
    /// <param name="read">Asks the service for the rows (authorizing the person first).</param>
    public static async Task SendAsync<T>(
        HttpContext http, string name, string header, Func<IServiceProvider, CancellationToken, Task<IAsyncEnumerable<T>>> read, Func<T, string> line)
    {
        var cancellation = http.RequestAborted;
        http.RequestServices.UseRequestUser(http);
        IAsyncEnumerable<T> rows;
        try
        {
            rows = await read(http.RequestServices, cancellation);
        }
        catch (AccessRefusedException refused)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync(refused.Message, cancellation);
            return;
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await WriteAsync(http.Response.Body, header, rows, line, cancellation);
    }

    /// <summary>The header row, then one line per row, flushed every few hundred rows.</summary>
    public static async Task WriteAsync<T>(Stream output, string header, IAsyncEnumerable<T> rows, Func<T, string> line, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(header + "\r\n");
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            await writer.WriteAsync(line(row));
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellation);
            }
        }

        await writer.FlushAsync(cancellation);
    }
}
