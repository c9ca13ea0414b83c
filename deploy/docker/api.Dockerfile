# syntax=docker/dockerfile:1.7
# The API image (ECS Fargate behind the ALB): ONNX Runtime serving from the registry alias, blue/green and shadow.
#   docker build -f deploy/docker/api.Dockerfile --build-arg MACROLAB_GIT_COMMIT=$(git rev-parse HEAD) -t macrolab-api .
# Chiseled runtime: no shell, no package manager, non-root by default. The published app is 49 MB: ONNX Runtime through
# MacroLab.Scoring, no TorchSharp or Backtest (docs/ARCHITECTURE.md).

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG MACROLAB_GIT_COMMIT=unknown
ARG MACROLAB_GIT_DIRTY=false
ENV MACROLAB_GIT_COMMIT=${MACROLAB_GIT_COMMIT} MACROLAB_GIT_DIRTY=${MACROLAB_GIT_DIRTY} DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish hosts/MacroLab.Api/MacroLab.Api.csproj -c Release -o /app --no-self-contained -r linux-x64 -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 DOTNET_gcServer=1
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/MacroLab.Api.dll"]
