using EcrCurator.Web;

return await CommandLine.RunAsync(args);
