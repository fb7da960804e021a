using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>();

        builder.Services.AddSingleton<AwsCredentialStore>();
        builder.Services.AddSingleton<AwsEndpoints>();
        builder.Services.AddSingleton<AwsCallCounter>();
        builder.Services.AddSingleton<AwsConnections>();
        builder.Services.AddSingleton<CallerIdentity>();
        builder.Services.AddSingleton<IRegistryReader, EcrRegistryReader>();
        builder.Services.AddSingleton<IUsageReader, EcsUsageReader>();
        builder.Services.AddSingleton<InventoryReader>();
        return builder;
    }
}
