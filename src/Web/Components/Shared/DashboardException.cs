namespace EcrCurator.Web.Components.Shared;

/// <summary>A request a feature service refuses or cannot carry out, with a message for the person who made it.</summary>
public class DashboardException(string message) : Exception(message);
