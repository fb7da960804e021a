using EcrCurator.Infrastructure.Execution;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace EcrCurator.Web.Components.Shared;

/// <summary>
/// What every dashboard page shares: the display (zone, sizes) and running a feature-service call so that a refusal
/// or a conflict is shown as a message, never as an unhandled error.
/// </summary>
public abstract class CuratorComponent : ComponentBase
{
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] protected Display Display { get; set; } = Display.Default;

    /// <returns>Whether the call succeeded; when not, the person has been told why.</returns>
    protected async Task<bool> TryAsync(Func<Task> action, string? done = null)
    {
        try
        {
            await action();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }

            return true;
        }
        catch (Exception error) when (error is DashboardException or ApprovalException or ExecutionRefusedException)
        {
            Snackbar.Add(error.Message, Severity.Error);
            return false;
        }
        catch (DbUpdateConcurrencyException)
        {
            Snackbar.Add("Someone else changed this meanwhile; it has not been saved. Reload the page and try again.", Severity.Warning);
            return false;
        }
    }
}
