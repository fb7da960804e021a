# ECR Curator: the web app (dashboard, job server, command line) and, for the demo, the AWS simulator.
#   docker build --target web -t ecr-curator .
#   docker build --target simulator -t ecr-curator-simulator .
# The build stage runs the same restore and Release build the test command runs, then publishes.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet restore src/Web/Web.csproj && dotnet restore tests/AwsSimulator/AwsSimulator.csproj
RUN dotnet publish src/Web/Web.csproj --configuration Release --no-restore --output /out/web
RUN dotnet publish tests/AwsSimulator/AwsSimulator.csproj --configuration Release --no-restore --output /out/simulator

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS web
WORKDIR /app
COPY --from=build /out/web .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"]
ENTRYPOINT ["dotnet", "EcrCurator.Web.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS simulator
WORKDIR /app
COPY --from=build /out/simulator .
EXPOSE 4566
USER $APP_UID
ENTRYPOINT ["dotnet", "EcrCurator.AwsSimulator.dll"]
CMD ["--generate", "--seed", "7", "--teams", "6", "--repositories", "300", "--images-per-repository", "16", "--services", "120", "--urls", "http://0.0.0.0:4566"]
