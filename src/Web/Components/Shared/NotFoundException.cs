namespace EcrCurator.Web.Components.Shared;

/// <summary>What a request names is not there (or lies outside the teams the person may see).</summary>
public sealed class NotFoundException(string message) : DashboardException(message);

/// <summary>A request that conflicts with what is stored: an image already pinned, a name already taken.</summary>
public sealed class ConflictException(string message) : DashboardException(message);
