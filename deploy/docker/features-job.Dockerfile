# syntax=docker/dockerfile:1.7
# The features job image (Silver -> Gold as an ECS task or a Kubernetes Job; hosts/MacroLab.FeaturesJob/README.md).
#   docker build -f deploy/docker/features-job.Dockerfile --build-arg MACROLAB_GIT_COMMIT=$(git rev-parse HEAD) -t macrolab-features-job .
# No TorchSharp or ONNX Runtime: a chiseled runtime of about 120 MB.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG MACROLAB_GIT_COMMIT=unknown
ARG MACROLAB_GIT_DIRTY=false
ENV MACROLAB_GIT_COMMIT=${MACROLAB_GIT_COMMIT} MACROLAB_GIT_DIRTY=${MACROLAB_GIT_DIRTY} DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish hosts/MacroLab.FeaturesJob/MacroLab.FeaturesJob.csproj -c Release -o /app --no-self-contained -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/MacroLab.FeaturesJob.dll"]
