using EcrCurator.Web;

return CommandLine.Run(args);
