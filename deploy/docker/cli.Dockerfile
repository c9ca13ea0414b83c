# syntax=docker/dockerfile:1.7
# The CLI/job image: `macrolab` with the bundled sample data and a default pipeline configuration. Every ECS task of
# the Step Functions pipeline runs it (`run --from <stage> --until <stage> ...`). Build from the repository root:
#   docker build -f deploy/docker/cli.Dockerfile --build-arg MACROLAB_GIT_COMMIT=$(git rev-parse HEAD) -t macrolab-job .
# TorchSharp's libtorch makes this the largest image (about 1.3 GB); the API and the ingest function do not carry it.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG MACROLAB_GIT_COMMIT=unknown
ARG MACROLAB_GIT_DIRTY=false
ENV MACROLAB_GIT_COMMIT=${MACROLAB_GIT_COMMIT} MACROLAB_GIT_DIRTY=${MACROLAB_GIT_DIRTY} DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish hosts/MacroLab.Cli/MacroLab.Cli.csproj -c Release -o /app --no-self-contained -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime
WORKDIR /app
COPY --from=build /app ./
# The default pipeline configuration (every field with its default and a comment); mount or bake your own.
RUN mkdir -p /app/config && dotnet /app/macrolab.dll config init --out /app/config/pipeline.yaml
ENV DOTNET_gcServer=1 DOTNET_TieredPGO=1
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/macrolab.dll"]
CMD ["--help"]
