using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EcrCurator.Web.SignIn;

/// <summary>
/// Keeps each person's role in step with the identity provider. When the role was found more than
/// <c>Curator:SignIn:RevalidateMinutes</c> ago, the session's refresh token is redeemed at the provider's token endpoint,
/// the ID token that comes back is validated like the first one, and its groups are mapped to a role again. Requests
/// (through the cookie) and open dashboard connections share the answer; one refresh per session at a time, as
/// providers that rotate refresh tokens accept each only once. Whatever goes wrong — the provider refuses the token,
/// sends no ID token, cannot be reached — ends the session: the person signs in again.
/// </summary>
public sealed partial class ProviderSessions(
    IOptionsMonitor<OpenIdConnectOptions> openIdConnect, IOptions<SignInOptions> options, TimeProvider time, ILogger<ProviderSessions> logger) : IDisposable
{
    private readonly MemoryCache sessions = new(new MemoryCacheOptions());

    /// <summary>How often an open dashboard asks: a tenth of the interval, so that it sees a change within it.</summary>
    public TimeSpan PollEvery => options.Value.RevalidateEvery / 10;

    /// <summary>A role found longer ago than this is read again (with <see cref="PollEvery"/>, within the interval).</summary>
    private TimeSpan Due => options.Value.RevalidateEvery * 0.9;

    public void Start(string id, ProviderSession session)
    {
        lock (sessions)
        {
            Remember(id, new Entry(session));
        }
    }

    /// <param name="carried">The session as the cookie carries it; none from an open connection, which only reads what requests started.</param>
    /// <returns>The session with its current role (none: the person has none, or the provider could not say), or null when unknown here.</returns>
    public async Task<ProviderSession?> CurrentAsync(string id, ProviderSession? carried, CancellationToken cancellation)
    {
        Entry? entry;
        lock (sessions)
        {
            if (!sessions.TryGetValue(id, out entry))
            {
                if (carried is null)
                {
                    return null;
                }

                entry = Remember(id, new Entry(carried));
            }
            else if (carried is not null && carried.CheckedAt > entry!.Session.CheckedAt)
            {
                entry.Session = carried; // another server of the deployment asked the provider since
            }
        }

        if (IsFresh(entry!.Session))
        {
            return entry.Session;
        }

        await entry.Gate.WaitAsync(cancellation);
        try
        {
            if (!IsFresh(entry.Session))
            {
                entry.Session = await RefreshAsync(entry.Session, cancellation);
            }

            return entry.Session;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private bool IsFresh(ProviderSession session) => time.GetUtcNow() - session.CheckedAt < Due;

    private Entry Remember(string id, Entry entry) =>
        sessions.Set(id, entry, new MemoryCacheEntryOptions { SlidingExpiration = SignInSetup.SessionLifetime });

    private async Task<ProviderSession> RefreshAsync(ProviderSession session, CancellationToken cancellation)
    {
        var lost = session with { Role = null, TeamRoles = [], CheckedAt = time.GetUtcNow() };
        if (session.RefreshToken is null)
        {
            LogNoRefreshToken(session.Subject);
            return lost;
        }

        try
        {
            var oidc = openIdConnect.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellation);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = OpenIdConnectGrantTypes.RefreshToken, ["refresh_token"] = session.RefreshToken, ["client_id"] = oidc.ClientId!,
            };
            if (!string.IsNullOrEmpty(oidc.ClientSecret))
            {
                form["client_secret"] = oidc.ClientSecret;
            }

            using var response = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form), cancellation);
            var answer = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(cancellation));
            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(answer.IdToken))
            {
                LogRefused(session.Subject, (int)response.StatusCode, answer.Error ?? "no ID token");
                return lost;
            }

            var parameters = oidc.TokenValidationParameters.Clone();
            parameters.ValidIssuer ??= configuration.Issuer;
            parameters.ValidAudience ??= oidc.ClientId;
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            var validated = await oidc.TokenHandler.ValidateTokenAsync(answer.IdToken, parameters);
            if (!validated.IsValid || validated.ClaimsIdentity.FindFirst(ProviderSession.SubjectClaim)?.Value != session.Subject)
            {
                LogInvalid(session.Subject, validated.Exception?.Message ?? "another subject");
                return lost;
            }

            var settings = options.Value.OpenIdConnect;
            var (role, teamRoles) = settings.RolesOf([.. validated.ClaimsIdentity.FindAll(settings.GroupsClaim).Select(claim => claim.Value)]);
            var renewed = new ProviderSession(session.Subject, answer.RefreshToken ?? session.RefreshToken, role, time.GetUtcNow()) { TeamRoles = teamRoles };
            if (!renewed.SameRoles(session))
            {
                LogRoleChanged(session.Subject, Describe(session), Describe(renewed));
            }

            return renewed;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            LogUnreachable(error, session.Subject);
            return lost;
        }
    }

    public void Dispose() => sessions.Dispose();

    private static string Describe(ProviderSession session) =>
        (session.Role ?? "none") + string.Concat(session.TeamRoles.Select(each => $", {each.Role} of {each.Team}"));

    [LoggerMessage(LogLevel.Warning, "The provider gave {Subject} no refresh token, so their role cannot be read again: they sign in again. Ask for the offline_access scope (Curator:SignIn:OpenIdConnect:Scopes).")]
    private partial void LogNoRefreshToken(string subject);

    [LoggerMessage(LogLevel.Information, "The provider refused to renew the sign-in of {Subject} ({Status}: {Error}): they are signed out.")]
    private partial void LogRefused(string subject, int status, string error);

    [LoggerMessage(LogLevel.Warning, "The provider's renewed ID token for {Subject} is not valid ({Reason}): they are signed out.")]
    private partial void LogInvalid(string subject, string reason);

    [LoggerMessage(LogLevel.Information, "The roles of {Subject} at the provider changed from {Previous} to {Role}.")]
    private partial void LogRoleChanged(string subject, string previous, string role);

    [LoggerMessage(LogLevel.Warning, "The role of {Subject} could not be read again from the provider: they are signed out.")]
    private partial void LogUnreachable(Exception error, string subject);

    private sealed class Entry(ProviderSession session)
    {
        public ProviderSession Session { get; set; } = session;

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
