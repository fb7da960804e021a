using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>
/// Every night (on the snapshot's schedule) the audit chain is verified and the result appended to it: an
/// <c>audit.verified</c> entry carrying the head, or <c>audit.verification-failed</c> with the problem, which History shows.
/// </summary>
public sealed class AuditVerificationJob(AuditVerifier verifier, IDbContextFactory<CuratorDbContext> contexts, ILogger<AuditVerificationJob> logger)
{
    public const string RecurringId = "nightly-audit-verification";

    [AutomaticRetry(Attempts = 0)]
    public async Task<AuditVerification> RunAsync(CancellationToken cancellation)
    {
        var verification = await verifier.VerifyAsync(null, cancellation);
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        AuditLog.Record(
            db, AuditLog.System, verification.Intact ? AuditVerification.Verified : AuditVerification.Failed, "audit",
            new { verification.Entries, verification.Head, verification.HeadId, verification.Problem });
        await db.SaveChangesAsync(cancellation);
        if (!verification.Intact)
        {
            logger.LogError("The audit chain is broken: {Problem}", verification.Problem);
        }

        return verification;
    }
}
