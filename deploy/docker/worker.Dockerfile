# syntax=docker/dockerfile:1.7
# The trial worker image (EKS Deployment, deploy/kubernetes/worker.yaml): consumes grid trials from SQS.
#   docker build -f deploy/docker/worker.Dockerfile --build-arg MACROLAB_GIT_COMMIT=$(git rev-parse HEAD) -t macrolab-worker .
# Carries libtorch (tilt-model trials train with TorchSharp), so it is about as large as the job image.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG MACROLAB_GIT_COMMIT=unknown
ARG MACROLAB_GIT_DIRTY=false
ENV MACROLAB_GIT_COMMIT=${MACROLAB_GIT_COMMIT} MACROLAB_GIT_DIRTY=${MACROLAB_GIT_DIRTY} DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish hosts/MacroLab.Worker/MacroLab.Worker.csproj -c Release -o /app --no-self-contained -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_gcServer=0
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/MacroLab.Worker.dll"]
