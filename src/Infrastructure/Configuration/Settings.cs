using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Configuration;

/// <summary>
/// The product's configuration lives under <c>Curator</c>, one options class per section. A section registers here in
/// one line, <c>services.AddSettings&lt;JobsOptions&gt;(JobsOptions.Section)</c>: bound, validated on start, and its
/// keys known to the start-up check that refuses any <c>Curator:*</c> key no registered section declares.
/// </summary>
public static class Settings
{
    public const string Root = "Curator";

    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        if (section != Root && !section.StartsWith(Root + ":", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{section}' is not under {Root}: the product's settings are.", nameof(section));
        }

        services.AddSingleton(new SettingsSection(section, typeof(T)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnownKeys>, KnownKeysValidator>());
        services.AddOptions<KnownKeys>().ValidateOnStart();
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// Refuses now, before anything binds, every <c>Curator:*</c> key that no section registered so far declares (the
    /// same check runs again when the host starts, for hosts that do not call this).
    /// </summary>
    /// <exception cref="OptionsValidationException">Naming each such key.</exception>
    public static void CheckKeys(this IHostApplicationBuilder builder)
    {
        var sections = builder.Services.Where(service => service.ServiceType == typeof(SettingsSection)).Select(service => (SettingsSection)service.ImplementationInstance!);
        var result = new KnownKeysValidator(builder.Configuration, sections).Validate(Options.DefaultName, new KnownKeys());
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KnownKeys), result.Failures);
        }
    }
}

/// <summary>A configuration section and the options class bound to it: the class's properties are its keys.</summary>
public sealed record SettingsSection(string Path, Type Type);

/// <summary>Stands for "every <c>Curator:*</c> key is a setting" in options validation (<see cref="KnownKeysValidator"/>).</summary>
public sealed class KnownKeys;
